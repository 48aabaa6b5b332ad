package datasets

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"

	"atelier/internal/atomicfile"
	"atelier/internal/fault"
)

// A facilitator sees how a file was read before it is stored: Stage reads it and keeps the
// bytes aside under an unguessable id; ImportStaged stores them once confirmed. Staged files
// live in stagingDir, which OpenStore empties: a review does not survive a restart.
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
	return s.StageWith(ctx, fileName, body, ReadOptions{})
}

// StageWith is Stage with the facilitator's choices (an XLSX sheet).
func (s *Store) StageWith(ctx context.Context, fileName string, body []byte, opts ReadOptions) (Review, error) {
	if int64(len(body)) > s.limits.MaxFileBytes {
		return Review{}, fault.New(fault.TooLarge, "fichier trop volumineux : la limite est de %s", humanBytes(s.limits.MaxFileBytes))
	}
	loaded, err := readInput(ctx, fileName, body, false, opts, s.limits, s.mem)
	if err != nil {
		return Review{}, err
	}
	defer loaded.Table.Release()
	id := newStagedID()
	if err := atomicfile.WriteBytes(s.root, stagingDir+"/"+id, body); err != nil {
		return Review{}, diskFault(err)
	}
	m := describe(ImportRequest{FileName: fileName}, loaded, int64(len(body)))
	rv := Review{
		ID: id, FileName: fileName, Format: m.Format, Encoding: m.Encoding, Delimiter: m.Delimiter,
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

// ImportStaged imports a file kept by Stage; req.Body is ignored. The staged copy is
// removed once the import succeeds.
func (s *Store) ImportStaged(ctx context.Context, id string, req ImportRequest) (Meta, error) {
	if !stagedIDRE.MatchString(id) {
		return Meta{}, fault.New(fault.NotFound, "fichier en attente introuvable : importez-le à nouveau")
	}
	body, err := s.root.ReadFile(stagingDir + "/" + id)
	if err != nil {
		return Meta{}, fault.Wrap(fault.NotFound, err, "fichier en attente introuvable (le serveur a peut-être redémarré) : importez-le à nouveau")
	}
	req.Body = bytes.NewReader(body)
	meta, err := s.Import(ctx, req)
	if err != nil {
		return Meta{}, err
	}
	s.root.Remove(stagingDir + "/" + id)
	return meta, nil
}

func newStagedID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
