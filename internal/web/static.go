package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// requiredAssets must be embedded for pages to work; a binary built without `make assets`
// refuses to start rather than serve pages whose charts never draw.
var requiredAssets = []string{"chartformat.js", "chartoptions.js", "atelier.js", "atelier.css", "vendor/echarts/echarts.min.js", "vendor/echarts/echarts-base.min.js"}

// asset is one embedded static file, served under a name that carries its content hash so
// that browsers may keep it forever.
type asset struct {
	url         string // /static/dir/name.HASH.ext
	contentType string
	body        []byte
	gzipped     []byte // nil when compression does not pay
	brotli      []byte // nil unless `make assets` wrote NAME.br
}

type assets struct {
	byName  map[string]*asset // logical name, e.g. "atelier.js"
	byURL   map[string]*asset
	version string // a hash of every asset: changes with any of them
}

func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byURL: map[string]*asset{}}
	brotli := map[string][]byte{} // precompressed by `make assets`, beside their file
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		if base, ok := strings.CutSuffix(name, ".br"); ok {
			// vendor/echarts/X.js.br sits beside X.js; vendor/br/X.js.HASH.br names the
			// content it compresses, and is kept only if that is X.js's content now.
			if rest, ok := strings.CutPrefix(base, "vendor/br/"); ok {
				base = rest
			}
			brotli[base] = body
			return nil
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		as := &asset{
			url:         "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext,
			contentType: contentTypeOf(ext),
			body:        body,
			gzipped:     compress(body),
		}
		a.byName[name], a.byURL[as.url] = as, as
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name, br := range brotli {
		if as := a.byName[name]; as != nil {
			as.brotli = br
			continue
		}
		// NAME.HASH10: attach only to the file whose content has that hash.
		dot := strings.LastIndexByte(name, '.')
		if dot < 0 {
			continue
		}
		if as := a.byName[name[:dot]]; as != nil {
			sum := sha256.Sum256(as.body)
			if hex.EncodeToString(sum[:5]) == name[dot+1:] {
				as.brotli = br
			}
		}
	}
	all := sha256.New()
	for _, as := range a.byURL {
		all.Write([]byte(as.url)) // the URL carries the content's hash
	}
	a.version = hex.EncodeToString(all.Sum(nil)[:4])
	for _, name := range requiredAssets {
		if a.byName[name] == nil {
			return nil, fmt.Errorf("static asset %s is missing from the build: run `make assets` first", name)
		}
	}
	return a, nil
}

func contentTypeOf(ext string) string {
	if ext == "" {
		return "text/plain; charset=utf-8" // LICENSE, NOTICE
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compress(body []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	if buf.Len() >= len(body)*9/10 {
		return nil
	}
	return buf.Bytes()
}

// URL is the hashed address of the asset with the given logical name.
func (a *assets) URL(name string) (string, error) {
	as := a.byName[name]
	if as == nil {
		return "", fmt.Errorf("no static asset %q", name)
	}
	return as.url, nil
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	as := s.static.byURL[r.URL.Path]
	if as == nil {
		s.handleNotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", as.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Vary", "Accept-Encoding")
	body := as.body
	switch {
	case as.brotli != nil && accepts(r, "br"):
		h.Set("Content-Encoding", "br")
		body = as.brotli
	case as.gzipped != nil && acceptsGzip(r):
		h.Set("Content-Encoding", "gzip")
		body = as.gzipped
	}
	h.Set("Content-Length", fmt.Sprint(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
