// Command gencapture writes a generated capture for the browser tests: one
// connection whose server sends many short text frames, with a 64 KiB
// binary frame every so often (pcapwrite.ManyFrames). The e2e tests run it
// (e2e/harness.js, generatedCapture) rather than keep large files. Other
// kinds are the hostile inputs of the memory model (README, "Measured"):
// one message in -frames fragments (fragments, fragments-pings,
// fragments-deflate) and one-byte frames (tiny).
//
//	go run ./internal/gencapture -frames 200000 -o /tmp/big.pcap
//	go run ./internal/gencapture -kind fragments -frames 1000000 -o /tmp/frag.pcap
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
	kind := flag.String("kind", "many", "many, fragments, fragments-pings, fragments-deflate or tiny")
	out := flag.String("o", "", "the file to write")
	flag.Parse()
	if *out == "" || *frames < 0 || *bigEvery < 0 || *bigSize < 0 {
		flag.Usage()
		os.Exit(2)
	}
	var b []byte
	switch *kind {
	case "many":
		b = pcapwrite.ManyFrames(*frames, *bigEvery, *bigSize)
	case "fragments", "fragments-pings", "fragments-deflate":
		b = pcapwrite.Fragments(*frames, *kind == "fragments-pings", *kind == "fragments-deflate")
	case "tiny":
		b = pcapwrite.TinyFrames(*frames)
	default:
		fmt.Fprintf(os.Stderr, "gencapture: -kind %q: use many, fragments, fragments-pings, fragments-deflate or tiny\n", *kind)
		os.Exit(2)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d bytes, %d frames\n", *out, len(b), *frames)
}
