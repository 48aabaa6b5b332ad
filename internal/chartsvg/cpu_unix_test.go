//go:build unix

package chartsvg_test

import "syscall"

// cpuMillis is the process's CPU time so far, in milliseconds.
func cpuMillis() float64 {
	var u syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e6
}
