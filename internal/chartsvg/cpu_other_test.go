//go:build !unix

package chartsvg_test

// cpuMillis is not measured here: the benchmark's cpu-ms/op reads 0.
func cpuMillis() float64 { return 0 }
