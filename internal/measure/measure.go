// Package measure counts what a piece of work allocates, for the tests
// that check work grows linearly with its input (1x, 2x, 4x) or stays
// under a bound: allocations, unlike wall time, do not depend on what
// else the machine is doing.
package measure

import "runtime"

// Allocs runs f once and returns the bytes it allocated and the number of
// allocations, after a collection so that earlier garbage does not count.
func Allocs(f func()) (bytes, count uint64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs
}
