package datasets

import "syscall"

// adviseSequential asks the kernel to read ahead: an import reads its input once, in order.
func adviseSequential(b []byte) { syscall.Madvise(b, syscall.MADV_SEQUENTIAL) }

// adviseDontNeed lets the kernel drop mapped pages that will not be read again soon.
func adviseDontNeed(b []byte) { syscall.Madvise(b, syscall.MADV_DONTNEED) }
