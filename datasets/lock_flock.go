//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package datasets

import (
	"os"
	"syscall"
)

// openLock opens what the lock is taken on: the datasets directory itself, which leaves no
// file of its own there.
func openLock(root *os.Root) (*os.File, error) { return root.Open(".") }

// lockFile takes f's exclusive lock, waiting for another process to release it. The kernel
// releases it when the process dies, so a kill -9 never leaves it taken.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
