package charts

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/datasets"
	"atelier/internal/lru"
)

// CacheSize is how many built charts the cache keeps: a few pages' worth.
const CacheSize = 256

// built is the process's cache of built charts. Its key names the datasets' versions, so a
// new version of a dataset misses it: nothing needs invalidating. It holds charts, not
// tables: a chart is a few kilobytes.
var built = lru.New[[32]byte, *Chart](CacheSize)

// cachedChart returns a copy of the cached chart: callers may change its fields, not the
// cache's.
func cachedChart(key [32]byte) (*Chart, bool) {
	c, ok := built.Get(key)
	if !ok {
		return nil, false
	}
	cp := *c
	return &cp, true
}

// ResetCache empties the cache of built charts (for tests and benchmarks that measure
// the work itself).
func ResetCache() { built.Clear() }

// cacheKey hashes the normalised spec (every field that changes the chart, the filter in
// its canonical form, not the block's layout or comments) with each dataset's identity:
// name, version, import time and shape, so that two catalogues reusing a name (tests) or a
// re-imported version never share an entry.
func cacheKey(s *Spec, tbl arrow.Table, meta datasets.Meta, geo *geoSource) [32]byte {
	norm := *s
	norm.lines = nil
	norm.Filter, norm.Where = nil, "" // the filter counts in its canonical form, below
	where := ""
	if s.Filter != nil {
		where = s.Filter.String()
	}
	b, err := json.Marshal(norm)
	if err != nil {
		b = []byte(fmt.Sprintf("%#v", norm))
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", b, where)
	identity := func(t arrow.Table, m datasets.Meta) {
		fmt.Fprintf(h, "%s@%d|%d|%s|%s|%d×%d|%p\x00", m.Name, m.Version, m.Rows, m.ImportedAt.UTC().Format("2006-01-02T15:04:05.999999999"), m.Citation(),
			t.NumRows(), t.NumCols(), t)
	}
	identity(tbl, meta)
	hashLabels(h, meta)
	if geo != nil {
		identity(geo.t, geo.meta)
	}
	var key [32]byte
	h.Sum(key[:0])
	return key
}
