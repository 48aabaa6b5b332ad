package datasets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"atelier/internal/fault"
)

// atelier writes only regular files and folders below the datasets directory. A symbolic
// link found there was put by someone else: os.Root refuses those that lead outside (with an
// error that is no "not found", which showed as a 500), and one that stays inside would serve
// another dataset's file. Either way it reads as a missing file.

// openStored opens a file atelier wrote below root.
func openStored(root *os.Root, name string) (*os.File, error) {
	if err := checkStored(root, name); err != nil {
		return nil, err
	}
	f, err := root.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, missingFile(name, err)
	}
	return f, err
}

// checkStored fails with NotFound when name, or a folder on its way, is missing or a link.
func checkStored(root *os.Root, name string) error {
	p := ""
	for part := range strings.SplitSeq(name, "/") {
		p = path.Join(p, part)
		fi, err := root.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return missingFile(name, err)
		}
		if err != nil {
			return err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return missingFile(name, &fs.PathError{Op: "open", Path: p, Err: errors.New("symbolic link")})
		}
	}
	return nil
}

func missingFile(name string, cause error) error {
	return fault.Wrap(fault.NotFound, fmt.Errorf("%s: %w", name, cause), "le fichier de ce jeu de données est introuvable sur le serveur")
}
