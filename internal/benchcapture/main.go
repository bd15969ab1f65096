// Command benchcapture measures capture decoding on a large generated
// capture: wsframe's native decode beside tshark's WebSocket dissection of
// the same file, in the same run. `make bench-capture` runs it and then the
// browser benchmark (e2e/bench-capture.mjs) on the same file.
//
//	go run ./internal/benchcapture -mb 120 -out /tmp/wsframe-bench.pcap
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/pcapwrite"
)

func main() {
	mb := flag.Int("mb", 120, "size of the generated capture in megabytes")
	out := flag.String("out", "/tmp/wsframe-bench.pcap", "where to write it")
	runs := flag.Int("runs", 3, "native decodes to time (the best is reported)")
	statsOnly := flag.Bool("stats-only", false, "time only `wsframe -stats` (whole process, with its peak RSS), e.g. on a 1 GB capture")
	search := flag.String("filter-text", "", "instead, time a search: a capture of text frames, `wsframe -stats -filter 'text contains \"S\"'` beside `tshark -Y 'websocket.payload.text contains \"S\"'`")
	flag.Parse()
	if *search != "" {
		filterText(*mb, *out, *search)
		return
	}

	data, frames := pcapwrite.Benchmark(*mb << 20)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	size := float64(len(data)) / 1e6
	fmt.Printf("capture: %s, %.1f MB, %d WebSocket frames\n", *out, size, frames)
	data = nil
	cmdTime := commandStats(*out, size, frames)
	if *statsOnly {
		return
	}
	data, _ = os.ReadFile(*out)

	best := time.Duration(1 << 62)
	for range *runs {
		start := time.Now()
		r := capture.Decode(data, decoder.Options{})
		d := time.Since(start)
		if len(r.Frames) != frames || len(r.Errors) > 0 {
			log.Fatalf("decoded %d frames, errors %v; want %d", len(r.Frames), r.Errors, frames)
		}
		best = min(best, d)
	}
	fmt.Printf("wsframe (native, in memory): %8.2f s  %7.1f MB/s\n", best.Seconds(), size/best.Seconds())

	if _, err := exec.LookPath("tshark"); err != nil {
		fmt.Println("tshark: not installed (apt-get install tshark) — no comparison")
		return
	}
	start := time.Now()
	cmd := exec.Command("tshark", "-n", "-r", *out, "-Y", "websocket", "-T", "fields", "-e", "websocket.opcode")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		log.Fatalf("tshark: %v", err)
	}
	d := time.Since(start)
	n := 0
	for _, line := range strings.Split(stdout.String(), "\n") {
		if line != "" {
			n += strings.Count(line, ",") + 1
		}
	}
	fmt.Printf("tshark (-Y websocket):       %8.2f s  %7.1f MB/s  (%d frames)\n", d.Seconds(), size/d.Seconds(), n)
	fmt.Printf("wsframe -stats is %.1f times as fast as tshark -Y websocket (whole processes)\n", d.Seconds()/cmdTime.Seconds())
}

// vmHWM reads the peak resident memory from a /proc/PID/status file, in
// bytes (0 when it cannot be read).
func vmHWM(status string) int64 {
	b, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

// commandStats builds the command and times `wsframe -stats` on file as a
// whole process, the way a user runs it, with its peak resident memory.
func commandStats(file string, size float64, frames int) time.Duration {
	bin := filepath.Join(os.TempDir(), "wsframe-bench-cmd")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/wsframe").CombinedOutput(); err != nil {
		log.Fatalf("go build: %v\n%s", err, b)
	}
	best, rss := time.Duration(1<<62), int64(0)
	for range 2 {
		cmd := exec.Command(bin, "-stats", file)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		start := time.Now()
		if err := cmd.Start(); err != nil {
			log.Fatalf("wsframe -stats: %v", err)
		}
		// The peak resident memory of the process (VmHWM, which starts
		// afresh at exec; rusage's maxrss would count this parent's
		// memory, shared until the exec).
		done := make(chan error)
		go func() { done <- cmd.Wait() }()
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	wait:
		for {
			select {
			case err := <-done:
				if err != nil {
					log.Fatalf("wsframe -stats: %v", err)
				}
				break wait
			case <-time.After(10 * time.Millisecond):
				rss = max(rss, vmHWM(status))
			}
		}
		best = min(best, time.Since(start))
		if !strings.Contains(stdout.String(), fmt.Sprintf("frames:      %d ", frames)) {
			log.Fatalf("wsframe -stats does not count %d frames:\n%s", frames, stdout.String())
		}
	}
	fmt.Printf("wsframe -stats (whole process): %6.2f s  %7.1f MB/s  peak RSS %.1f MiB\n", best.Seconds(), size/best.Seconds(), float64(rss)/(1<<20))
	return best
}

// filterText times a search of every message's text, the command's
// (-stats -filter, one pass as the capture is read) beside tshark's
// display filter on the payloads, on a generated capture of text frames.
func filterText(mb int, out, needle string) {
	data, frames := pcapwrite.BenchmarkOf(mb<<20, decoder.OpText)
	if err := os.WriteFile(out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	size := float64(len(data)) / 1e6
	data = nil
	fmt.Printf("capture: %s, %.1f MB, %d WebSocket text frames\n", out, size, frames)
	bin := filepath.Join(os.TempDir(), "wsframe-bench-cmd")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/wsframe").CombinedOutput(); err != nil {
		log.Fatalf("go build: %v\n%s", err, b)
	}
	expr := fmt.Sprintf("text contains %q", needle)
	best := time.Duration(1 << 62)
	for range 2 {
		start := time.Now()
		b, err := exec.Command(bin, "-stats", "-filter", expr, out).Output()
		if err != nil {
			log.Fatalf("wsframe -stats -filter: %v", err)
		}
		best = min(best, time.Since(start))
		if !strings.Contains(string(b), "frames:") {
			log.Fatalf("wsframe -stats -filter printed:\n%s", b)
		}
	}
	fmt.Printf("wsframe -stats -filter '%s' (whole process): %6.2f s  %7.1f MB/s\n", expr, best.Seconds(), size/best.Seconds())
	if _, err := exec.LookPath("tshark"); err != nil {
		fmt.Println("tshark: not installed (apt-get install tshark) — no comparison")
		return
	}
	tf := fmt.Sprintf("websocket.payload.text contains %q", needle) // websocket.payload is a label: tshark refuses contains on it
	start := time.Now()
	if err := exec.Command("tshark", "-n", "-r", out, "-Y", tf, "-T", "fields", "-e", "frame.number").Run(); err != nil {
		log.Fatalf("tshark: %v", err)
	}
	d := time.Since(start)
	fmt.Printf("tshark -Y '%s':  %6.2f s  %7.1f MB/s\n", tf, d.Seconds(), size/d.Seconds())
	fmt.Printf("wsframe is %.1f times as fast as tshark\n", d.Seconds()/best.Seconds())
}
