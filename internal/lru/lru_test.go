package lru_test

import (
	"testing"

	"atelier/internal/lru"
)

func TestTheLeastRecentlyUsedGoesFirst(t *testing.T) {
	c := lru.New[string, int](2)
	c.Put("a", 1)
	c.Put("b", 2)
	if v, ok := c.Get("a"); !ok || v != 1 { // a is now the most recent
		t.Fatalf("a = %d, %v", v, ok)
	}
	c.Put("c", 3) // past the size: b, the least recent, goes
	if _, ok := c.Get("b"); ok {
		t.Error("b is still there; it was the least recently used")
	}
	for key, want := range map[string]int{"a": 1, "c": 3} {
		if v, ok := c.Get(key); !ok || v != want {
			t.Errorf("%s = %d, %v; want %d", key, v, ok, want)
		}
	}
	c.Put("a", 10) // a new value for a key there: no eviction
	if v, _ := c.Get("a"); v != 10 || c.Len() != 2 {
		t.Errorf("a = %d with %d entries; want 10 with 2", v, c.Len())
	}
	c.Clear()
	if _, ok := c.Get("a"); ok || c.Len() != 0 {
		t.Error("Clear left entries")
	}
}
