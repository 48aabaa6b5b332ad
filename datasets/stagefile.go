package datasets

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"atelier/internal/atomicfile"
	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// An upload is staged on disk as it arrives, never held whole in memory: the bytes go to
// stagingDir/ID, a gzip file is decompressed from there into stagingDir/ID.plain under the
// decompression cap, and the reader maps the file it reads. A staged upload that nobody
// confirms expires after StagedLifetime; its files are removed then, or once imported.

// StagedLifetime is how long an upload waits for its review to be confirmed.
const StagedLifetime = time.Hour

// staged is one upload waiting for its confirmation.
type staged struct {
	fileName string    // as the user gave it
	plain    bool      // a gzip upload: read ID.plain, decompressed
	at       time.Time // when it was staged, by the store's clock
}

// stagedSet is the uploads waiting for confirmation, by id.
type stagedSet struct {
	mu    sync.Mutex
	files map[string]staged
}

// SetClock replaces the store's clock (time.Now), which says when staged uploads expire:
// tests move it instead of waiting an hour.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

func (s *Store) clock() time.Time {
	if s.now == nil {
		return time.Now()
	}
	return s.now()
}

// stageFile copies src into a new staged file, at most MaxFileBytes of it, and decompresses
// a gzip upload beside it under the cap. It returns the id, and the path and name to read.
func (s *Store) stageFile(fileName string, src io.Reader) (id, readPath, readName string, err error) {
	id = newStagedID()
	raw := stagingDir + "/" + id
	var head []byte
	err = atomicfile.Write(s.root, raw, func(w io.Writer) error {
		br := bufio.NewReader(src)
		head, _ = br.Peek(2)
		head = append([]byte(nil), head...)
		n, err := io.Copy(w, io.LimitReader(br, s.limits.MaxFileBytes+1))
		if err != nil {
			return err
		}
		if n > s.limits.MaxFileBytes {
			return fault.New(fault.TooLarge, "fichier trop volumineux : la limite est de %s", localfmt.Bytes("fr", s.limits.MaxFileBytes))
		}
		return nil
	})
	if err != nil {
		return "", "", "", stagingFault(err)
	}
	if string(head) != "\x1f\x8b" {
		return id, raw, fileName, nil
	}
	if err := s.gunzipStaged(raw, raw+".plain"); err != nil {
		s.root.Remove(raw)
		return "", "", "", err
	}
	return id, raw + ".plain", strings.TrimSuffix(fileName, ".gz"), nil
}

// gunzipStaged decompresses staged file from into to, stopping at the decompression cap: a
// gzip bomb costs a buffer and the cap's worth of disk, for as long as the request lasts.
func (s *Store) gunzipStaged(from, to string) error {
	f, err := s.root.Open(from)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return fault.New(fault.Unprocessable, "fichier gzip illisible : il est tronqué ou abîmé")
	}
	limit := unzippedLimit(s.limits)
	err = atomicfile.Write(s.root, to, func(w io.Writer) error {
		n, err := io.Copy(w, io.LimitReader(zr, limit+1))
		if err != nil {
			return fault.New(fault.Unprocessable, "fichier gzip illisible : il est tronqué ou abîmé")
		}
		if n > limit {
			return tooBigUnzipped(s.limits)
		}
		return nil
	})
	return stagingFault(err)
}

// stagingFault keeps our own refusals and the reader's (an upload cut, or over the HTTP
// limit) as they are, and names a full disk.
func stagingFault(err error) error {
	var fe *fault.Error
	if err == nil || errors.As(err, &fe) {
		return err
	}
	return diskFault(err)
}

func (s *Store) remember(id string, st staged) {
	s.staged.mu.Lock()
	defer s.staged.mu.Unlock()
	if s.staged.files == nil {
		s.staged.files = map[string]staged{}
	}
	s.staged.files[id] = st
	// Nobody may ever confirm it: sweep when it expires, not at the next upload.
	time.AfterFunc(StagedLifetime+time.Minute, func() { s.SweepStaged() })
}

// take returns a staged upload that has not expired.
func (s *Store) take(id string) (staged, bool) {
	s.staged.mu.Lock()
	defer s.staged.mu.Unlock()
	st, ok := s.staged.files[id]
	return st, ok && s.clock().Sub(st.at) < StagedLifetime
}

// forgetStaged removes a staged upload and its files.
func (s *Store) forgetStaged(id string) {
	s.staged.mu.Lock()
	delete(s.staged.files, id)
	s.staged.mu.Unlock()
	s.root.Remove(stagingDir + "/" + id)
	s.root.Remove(stagingDir + "/" + id + ".plain")
}

// SweepStaged removes the staged uploads older than StagedLifetime, with their files, and
// reports how many. Stage and ImportStaged sweep too; a server also calls it now and then,
// so that an upload nobody confirms leaves nothing behind.
func (s *Store) SweepStaged() int {
	s.staged.mu.Lock()
	var old []string
	for id, st := range s.staged.files {
		if s.clock().Sub(st.at) >= StagedLifetime {
			old = append(old, id)
		}
	}
	s.staged.mu.Unlock()
	for _, id := range old {
		s.forgetStaged(id)
	}
	return len(old)
}
