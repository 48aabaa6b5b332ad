package datasets

import (
	"os"

	"golang.org/x/sys/windows"
)

// openLock opens what the lock is taken on: Windows locks byte ranges of files, not
// folders, so a file of its own.
func openLock(root *os.Root) (*os.File, error) {
	return root.OpenFile(lockName, os.O_RDWR|os.O_CREATE, 0o644)
}

// lockFile takes f's exclusive lock, waiting for another process to release it. Windows
// releases it when the process dies.
func lockFile(f *os.File) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &windows.Overlapped{})
}

func unlockFile(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &windows.Overlapped{})
}
