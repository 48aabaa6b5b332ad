package datasets

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"regexp"
	"strings"

	"atelier/internal/fault"
)

// A facilitator sees how a file was read before it is stored: Stage reads it and keeps the
// bytes aside under an unguessable id; ImportStaged stores them once confirmed. Staged files
// live in stagingDir, which OpenStore empties: a review does not survive a restart, nor an
// hour (StagedLifetime).
const stagingDir = ".staging"

var stagedIDRE = regexp.MustCompile(`^[0-9a-f]{32}$`)

// Review is what the reader made of a file, for the facilitator to check.
type Review struct {
	ID        string         `json:"id"`
	FileName  string         `json:"file_name"`
	Format    string         `json:"format"`
	Encoding  string         `json:"encoding,omitempty"`
	Delimiter string         `json:"delimiter,omitempty"`
	Sheet     string         `json:"sheet,omitempty"`  // XLSX: the sheet read
	Sheets    []string       `json:"sheets,omitempty"` // XLSX: every sheet, to offer a choice
	Rows      int64          `json:"rows"`
	Header    int            `json:"header_line,omitempty"` // the line that gave the column names
	Bytes     int64          `json:"bytes"`
	Columns   []ReviewColumn `json:"columns"`
	Warnings  []Warning      `json:"warnings"`
	Name      Name           `json:"name"`   // suggested
	Title     string         `json:"title"`  // suggested
	Exists    bool           `json:"exists"` // importing makes a new version of an existing dataset
}

// ReviewColumn is one column as read, with a few of its values.
type ReviewColumn struct {
	Column
	Samples []any `json:"samples"`
}

// reviewSamples is how many distinct non-empty values a review shows per column.
const reviewSamples = 5

// Stage reads body as Import would and keeps it for ImportStaged. Nothing is added to the
// catalogue.
func (s *Store) Stage(ctx context.Context, fileName string, body []byte) (Review, error) {
	return s.StageFrom(ctx, fileName, bytes.NewReader(body), ReadOptions{})
}

// StageWith is Stage with the facilitator's choices (an XLSX sheet).
func (s *Store) StageWith(ctx context.Context, fileName string, body []byte, opts ReadOptions) (Review, error) {
	return s.StageFrom(ctx, fileName, bytes.NewReader(body), opts)
}

// StageFrom is StageWith for an upload read as it arrives: src goes to a staged file on disk
// (see stagefile.go), and the reader maps that file. An error src returns is returned as is.
func (s *Store) StageFrom(ctx context.Context, fileName string, src io.Reader, opts ReadOptions) (Review, error) {
	s.SweepStaged()
	id, readPath, readName, err := s.stageFile(fileName, src)
	if err != nil {
		return Review{}, err
	}
	rv, err := s.review(ctx, readPath, readName, opts)
	if err != nil {
		s.forgetStaged(id)
		return Review{}, err
	}
	rv.ID, rv.FileName = id, fileName
	s.remember(id, staged{fileName: fileName, plain: readName != fileName, at: s.clock()})
	return rv, nil
}

// review reads a staged file and says what was read.
func (s *Store) review(ctx context.Context, readPath, fileName string, opts ReadOptions) (Review, error) {
	f, err := s.root.Open(readPath)
	if err != nil {
		return Review{}, err
	}
	defer f.Close()
	body, mapped, done, err := s.body(f)
	if err != nil {
		return Review{}, err
	}
	defer done()
	loaded, err := readInput(ctx, fileName, body, mapped, opts, s.limits, s.mem)
	if err != nil {
		return Review{}, err
	}
	defer loaded.Table.Release()
	m := describe(ImportRequest{FileName: fileName}, loaded, int64(len(body)))
	rv := Review{
		Format: m.Format, Encoding: m.Encoding, Delimiter: m.Delimiter,
		Sheet: loaded.Sheet, Sheets: loaded.Sheets, Header: loaded.HeaderLine,
		Rows: m.Rows, Bytes: m.Bytes, Warnings: m.Warnings, Name: m.Name, Title: m.Title,
	}
	if rv.Warnings == nil {
		rv.Warnings = []Warning{}
	}
	samples := samplesOf(loaded, reviewSamples)
	for i, c := range m.Columns {
		rv.Columns = append(rv.Columns, ReviewColumn{Column: c, Samples: samples[i]})
	}
	if _, err := s.Meta(ctx, rv.Name, 0); err == nil {
		rv.Exists = true
	}
	return rv, nil
}

// samplesOf picks up to n distinct non-null values per column from the first rows.
func samplesOf(l *Loaded, n int) [][]any {
	rows := Rows(l.Table, 0, 200)
	out := make([][]any, l.Table.NumCols())
	seen := make([]map[any]bool, len(out))
	for i := range out {
		out[i], seen[i] = []any{}, map[any]bool{}
	}
	for _, row := range rows {
		for i, v := range row {
			if v != nil && len(out[i]) < n && !seen[i][v] {
				seen[i][v] = true
				out[i] = append(out[i], v)
			}
		}
	}
	return out
}

// ImportStaged imports a file kept by Stage; req.Body is ignored, and req.FileName defaults
// to the uploaded file's name. The staged files are removed once the import succeeds; an
// upload older than StagedLifetime is gone.
func (s *Store) ImportStaged(ctx context.Context, id string, req ImportRequest) (Meta, error) {
	s.SweepStaged()
	readPath, readName, err := s.stagedFile(id)
	if err != nil {
		return Meta{}, err
	}
	f, err := s.root.Open(readPath)
	if err != nil {
		return Meta{}, fault.Wrap(fault.NotFound, err, "fichier en attente introuvable : importez-le à nouveau")
	}
	req.Body = f
	if req.FileName == "" {
		req.FileName = readName
	}
	meta, err := s.Import(ctx, req)
	f.Close() // before the removal, which an open file would prevent on Windows
	if err != nil {
		return Meta{}, err
	}
	s.forgetStaged(id)
	return meta, nil
}

// stagedFile is where a staged upload's bytes are read from, and the file name they keep.
func (s *Store) stagedFile(id string) (readPath, readName string, err error) {
	st, ok := s.take(id)
	if !stagedIDRE.MatchString(id) || !ok {
		return "", "", fault.New(fault.NotFound, "fichier en attente introuvable (il a peut-être expiré au bout d'une heure, ou le serveur a redémarré) : importez-le à nouveau")
	}
	readPath, readName = stagingDir+"/"+id, st.fileName
	if st.plain { // the decompressed file is what is read and kept as the original
		readPath, readName = readPath+".plain", strings.TrimSuffix(st.fileName, ".gz")
	}
	return readPath, readName, nil
}

func newStagedID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
