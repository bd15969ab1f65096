// Command gencapture writes a generated capture for the browser tests: one
// connection whose server sends many short text frames, with a 64 KiB
// binary frame every so often (pcapwrite.ManyFrames). The e2e tests run it
// (e2e/harness.js, generatedCapture) rather than keep large files.
//
//	go run ./internal/gencapture -frames 200000 -o /tmp/big.pcap
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/wsframe/wsframe/internal/pcapwrite"
)

func main() {
	frames := flag.Int("frames", 200000, "how many frames")
	bigEvery := flag.Int("big-every", 2000, "a large binary frame every this many frames (0: none)")
	bigSize := flag.Int("big-size", 64<<10, "the size of the large frames' payloads")
	out := flag.String("o", "", "the file to write")
	flag.Parse()
	if *out == "" || *frames < 0 || *bigEvery < 0 || *bigSize < 0 {
		flag.Usage()
		os.Exit(2)
	}
	b := pcapwrite.ManyFrames(*frames, *bigEvery, *bigSize)
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d bytes, %d frames\n", *out, len(b), *frames)
}
