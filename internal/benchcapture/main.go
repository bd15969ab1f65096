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
	flag.Parse()

	data, frames := pcapwrite.Benchmark(*mb << 20)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	size := float64(len(data)) / 1e6
	fmt.Printf("capture: %s, %.1f MB, %d WebSocket frames\n", *out, size, frames)

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
}
