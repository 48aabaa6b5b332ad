package datasets

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// Two processes write to one datasets directory: the server, and `atelier import` run
// beside it. Each takes an exclusive lock (a lock the kernel drops when the
// process dies) to number a version, write its files and add it to the catalogue, so two
// imports never pick the same number; and OpenStore takes it to sweep, so it never takes
// the files of another process's import under way for debris. Where the system can, the
// lock is on the datasets directory itself; on Windows on the file lockName in it.
const lockName = ".lock"

// exclusive runs fn while no other import, in this process or another, writes files.
func (s *Store) exclusive(fn func() error) error {
	s.importMu.Lock()
	defer s.importMu.Unlock()
	f, err := openLock(s.root)
	if err != nil {
		return fmt.Errorf("lock file: %w", err)
	}
	defer f.Close()
	if err := lockFile(f); err != nil {
		return fmt.Errorf("lock file: %w", err)
	}
	defer unlockFile(f)
	return fn()
}

// commitVersion stores m as the next version of its dataset: under the lock it numbers it,
// writes its files with write and adds it to the catalogue. On any error the files of that
// number are removed (a full disk leaves no half-written version) and nothing else changed.
func (s *Store) commitVersion(ctx context.Context, m *Meta, write func(Meta) error) error {
	return s.exclusive(func() error {
		latest, err := s.latestVersion(ctx, m.Name)
		if err != nil {
			return err
		}
		m.Version = latest + 1
		if err := write(*m); err != nil {
			s.removeVersionFiles(*m)
			return diskFault(err)
		}
		if err := s.insert(ctx, *m); err != nil {
			s.removeVersionFiles(*m)
			return err
		}
		return nil
	})
}

func (s *Store) removeVersionFiles(m Meta) {
	for _, p := range []string{originalPath(m.Name, m.Version), tablePath(m.Name, m.Version), dictPath(m.Name, m.Version)} {
		s.root.Remove(p)
	}
	s.root.Remove(string(m.Name)) // the folder of a first version, if now empty
}

// writerFor is where writeFiles writes path: w itself, unless a test injects a fault.
func (s *Store) writerFor(path string, w io.Writer) io.Writer {
	if s.wrapWrite != nil {
		return s.wrapWrite(path, w)
	}
	return w
}

// sweep removes every file below the datasets directory that no catalogued version refers
// to (what kill -9 or a full disk left in the middle of an import, temporary files
// included) and the folders left empty, and reports how many files it removed. The staging
// folder and the lock file are not a version's and stay.
func (s *Store) sweep(ctx context.Context) (removed int, err error) {
	err = s.exclusive(func() error {
		refs, err := s.catalogued(ctx)
		if err != nil {
			return err
		}
		var dirs []string
		err = fs.WalkDir(s.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case p == "." || p == lockName:
				return nil
			case p == stagingDir && d.IsDir():
				return fs.SkipDir
			case d.IsDir():
				dirs = append(dirs, p)
				return nil
			case refs[versionOfPath(p)]:
				return nil
			}
			if err := s.root.Remove(p); err != nil {
				return err
			}
			removed++
			return nil
		})
		for i := len(dirs) - 1; i >= 0; i-- {
			s.root.Remove(dirs[i]) // fails, as it should, on a folder that still holds files
		}
		return err
	})
	return removed, err
}

// catalogued is the set of "name/version" the catalogue lists.
func (s *Store) catalogued(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, version FROM dataset_versions`)
	if err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	defer rows.Close()
	refs := map[string]bool{}
	for rows.Next() {
		var name string
		var v int
		if err := rows.Scan(&name, &v); err != nil {
			return nil, err
		}
		refs[name+"/"+strconv.Itoa(v)] = true
	}
	return refs, rows.Err()
}

// versionOfPath is "name/version" for a version's file (N.orig, N.arrow, N.dict.arrow in
// the dataset's folder), or "" for any other file.
func versionOfPath(p string) string {
	dir, base := path.Split(p)
	num, ext, ok := strings.Cut(base, ".")
	if _, err := strconv.Atoi(num); err != nil || !ok || strings.Count(dir, "/") != 1 {
		return ""
	}
	switch ext {
	case "orig", "arrow", "dict.arrow":
		return dir + num
	}
	return ""
}
