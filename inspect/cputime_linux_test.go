package inspect

import (
	"syscall"
	"time"
)

func init() { threadCPU = linuxThreadCPU }

// linuxThreadCPU returns the CPU time the calling thread has used, which
// other programs on the machine do not inflate as they do the wall clock;
// the caller locks itself to its thread.
func linuxThreadCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
