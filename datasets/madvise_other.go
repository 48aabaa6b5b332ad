//go:build !linux

package datasets

// Outside Linux the syscall package offers no madvise: the advice is only a hint, and the
// kernel's own read-ahead and page reclaim do without it.

func adviseSequential([]byte) {}

func adviseDontNeed([]byte) {}
