package chartsvg

import (
	"container/list"
	"sync"
)

// drawing is one cached chart drawing.
type drawing struct {
	svg    string
	height int
}

// cache is a small LRU of drawings, safe for concurrent use: a page saved again with the
// same charts and data draws nothing.
type cache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recently used
	items map[[32]byte]*list.Element
}

type cacheEntry struct {
	key [32]byte
	d   drawing
}

func newCache(max int) *cache {
	return &cache{max: max, order: list.New(), items: map[[32]byte]*list.Element{}}
}

func (c *cache) get(key [32]byte) (drawing, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return drawing{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).d, true
}

func (c *cache) put(key [32]byte, d drawing) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		e.Value.(*cacheEntry).d = d
		c.order.MoveToFront(e)
		return
	}
	c.items[key] = c.order.PushFront(&cacheEntry{key: key, d: d})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).key)
	}
}
