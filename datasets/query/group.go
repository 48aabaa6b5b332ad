package query

import (
	"encoding/binary"
	"sync"
)

// grouper gives dense group ids to combinations of key ids. With one key column the key
// id is the group id; with none, every row is group 0.
type grouper struct {
	dicts   []*dict
	buckets []bucket // per key column: the date bucket, or noBucket
	names   []string // per key column, as written in the plan
	mu      sync.Mutex
	index   map[string]int32
	tuples  []int32 // len(dicts) key ids per group
}

func (g *grouper) intern(key []byte, ids []int32) int32 {
	g.mu.Lock()
	defer g.mu.Unlock()
	id, ok := g.index[string(key)]
	if !ok {
		id = int32(len(g.tuples) / len(g.dicts))
		g.index[string(key)] = id
		g.tuples = append(g.tuples, ids...)
	}
	return id
}

// count is the number of groups so far.
func (g *grouper) count() int {
	switch len(g.dicts) {
	case 0:
		return 1
	case 1:
		return g.dicts[0].size()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.tuples) / len(g.dicts)
}

// key returns the key ids of group id.
func (g *grouper) key(id int) []int32 {
	if len(g.dicts) == 1 {
		return []int32{int32(id)}
	}
	n := len(g.dicts)
	return g.tuples[id*n : id*n+n]
}

// maxDense bounds a worker's dense table of key combinations (4 MiB of int32).
const maxDense = 1 << 20

// groupCache is one worker's lookup from key-id combinations to group ids: a dense table
// indexed in mixed radix while the key cardinalities are small, a map beyond.
type groupCache struct {
	g      *grouper
	caps   []int // per column, a power of two above the ids seen
	dense  []int32
	sparse map[string]int32
	key    []byte
	tuple  []int32
}

func newGroupCache(g *grouper) *groupCache {
	return &groupCache{g: g, caps: make([]int, len(g.dicts)), sparse: map[string]int32{}}
}

// assign writes the group id of each of n rows given their key ids per column.
func (c *groupCache) assign(ids [][]int32, n int, out []int32) {
	switch len(ids) {
	case 0:
		clear(out[:n])
		return
	case 1:
		copy(out[:n], ids[0][:n])
		return
	}
	c.fit(ids, n)
	for j := 0; j < n; j++ {
		slot := 0
		if c.dense != nil {
			for k := range ids {
				slot = slot*c.caps[k] + int(ids[k][j])
			}
			if g := c.dense[slot]; g >= 0 {
				out[j] = g
				continue
			}
		}
		out[j] = c.miss(ids, j, slot)
	}
}

// miss finds a combination's group through the sparse map, then the shared grouper.
func (c *groupCache) miss(ids [][]int32, j, slot int) int32 {
	c.key, c.tuple = c.key[:0], c.tuple[:0]
	for k := range ids {
		c.key = binary.LittleEndian.AppendUint32(c.key, uint32(ids[k][j]))
		c.tuple = append(c.tuple, ids[k][j])
	}
	g, ok := c.sparse[string(c.key)]
	if !ok {
		g = c.g.intern(c.key, c.tuple)
		c.sparse[string(c.key)] = g
	}
	if c.dense != nil {
		c.dense[slot] = g
	}
	return g
}

// fit grows the dense table when an id outgrows its column's capacity, or drops it when
// the product of capacities would be too large.
func (c *groupCache) fit(ids [][]int32, n int) {
	grow := false
	for k := range ids {
		for _, id := range ids[k][:n] {
			if int(id) >= c.caps[k] {
				grow = true
				break
			}
		}
	}
	if !grow {
		return
	}
	total := 1
	for k, d := range c.g.dicts {
		c.caps[k] = 1
		for c.caps[k] <= d.size() {
			c.caps[k] *= 2
		}
		total *= c.caps[k]
		if total > maxDense {
			c.dense = nil
			return
		}
	}
	c.dense = make([]int32, total)
	for i := range c.dense {
		c.dense[i] = -1
	}
}
