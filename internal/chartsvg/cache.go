package chartsvg

import "atelier/internal/lru"

// drawing is one cached chart drawing.
type drawing struct {
	svg    string
	height int
}

// cache is a small LRU of drawings: a page saved again with the same charts and data draws
// nothing. A drawing is a value: what Get returns cannot change the cache.
type cache = lru.Cache[[32]byte, drawing]

func newCache(max int) *cache { return lru.New[[32]byte, drawing](max) }
