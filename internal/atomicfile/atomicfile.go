// Package atomicfile is the one place atelier writes files: to a temporary name, synced,
// renamed over the final name, and the directory synced, so that a crash at any moment
// leaves the old file or the new one, never a torn one. Temporary files carry a prefix that
// Sweep removes at start-up.
package atomicfile

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// TempPrefix starts the name of every temporary file; nothing else may use it.
const TempPrefix = ".tmp-"

// Write writes name inside root with the bytes write produces. name is a slash-separated
// path below root chosen by atelier, never by a user.
func Write(root *os.Root, name string, write func(io.Writer) error) (err error) {
	dir := path.Dir(name)
	if dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := path.Join(dir, TempPrefix+randomSuffix()+"-"+path.Base(name))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			root.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = root.Rename(tmp, name); err != nil {
		return err
	}
	return syncDir(root, dir)
}

// WriteBytes is Write for a byte slice.
func WriteBytes(root *os.Root, name string, data []byte) error {
	return Write(root, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Sweep removes the temporary files a crash left anywhere below root, and reports how many.
func Sweep(root *os.Root) (int, error) {
	n := 0
	err := fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasPrefix(d.Name(), TempPrefix) {
			if err := root.Remove(p); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func syncDir(root *os.Root, dir string) error {
	d, err := root.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func randomSuffix() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("atomicfile: no randomness: %v", err))
	}
	return hex.EncodeToString(b)
}
