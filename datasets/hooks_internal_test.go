package datasets

import "io"

// SetWriteFault makes every file the store writes go through wrap: tests inject a full disk.
func SetWriteFault(s *Store, wrap func(path string, w io.Writer) io.Writer) { s.wrapWrite = wrap }
