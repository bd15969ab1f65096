// Command gencapture writes a generated capture for the browser tests, with
// the pcap writer the Go tests share (tools/pcapwrite). The e2e tests run
// it (e2e/harness.js, generatedCapture and hostileCapture) rather than keep
// large files.
//
//	go run ./tools/gencapture -frames 200000 -o /tmp/big.pcap
//	go run ./tools/gencapture -kind empty -frames 4000000 -o /tmp/empty.pcap
//	go run ./tools/gencapture -kind fragments -frames 1000000 -o /tmp/frag.pcap
//	go run ./tools/gencapture -kind bombs -frames 200 -size 33554432 -o /tmp/bombs.pcap
//
// The kinds: "many" (the default), one connection whose server sends many
// short text frames, with a 64 KiB binary frame every so often
// (pcapwrite.ManyFrames); "empty", empty text frames, two bytes each
// (pcapwrite.EmptyFrames); "bombs", permessage-deflate messages of zeros
// each inflating to -size bytes (pcapwrite.Bombs); "gzip-bombs", binary
// messages each a gzip member inflating to -size bytes, which the readings
// inflate (pcapwrite.GzipBombs); "fragments",
// "fragments-pings" and "fragments-deflate", one message in -frames
// fragments (alone, each followed by a ping, compressed:
// pcapwrite.Fragments); "tiny", one-byte frames (pcapwrite.TinyFrames).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/wsframe/wsframe/tools/pcapwrite"
)

func main() {
	kind := flag.String("kind", "many", "what to write: many, empty, bombs, gzip-bombs, fragments, fragments-pings, fragments-deflate or tiny")
	frames := flag.Int("frames", 200000, "how many frames (bombs, gzip-bombs: messages)")
	bigEvery := flag.Int("big-every", 2000, "many: a large binary frame every this many frames (0: none)")
	bigSize := flag.Int("big-size", 64<<10, "many: the size of the large frames' payloads")
	size := flag.Int("size", 32<<20, "bombs, gzip-bombs: what each message inflates to, in bytes")
	out := flag.String("o", "", "the file to write")
	flag.Parse()
	if *out == "" || *frames < 0 || *bigEvery < 0 || *bigSize < 0 || *size < 0 {
		flag.Usage()
		os.Exit(2)
	}
	var b []byte
	switch *kind {
	case "many":
		b = pcapwrite.ManyFrames(*frames, *bigEvery, *bigSize)
	case "empty":
		b = pcapwrite.EmptyFrames(*frames)
	case "bombs":
		b = pcapwrite.Bombs(*frames, *size)
	case "gzip-bombs":
		b = pcapwrite.GzipBombs(*frames, *size)
	case "fragments", "fragments-pings", "fragments-deflate":
		b = pcapwrite.Fragments(*frames, *kind == "fragments-pings", *kind == "fragments-deflate")
	case "tiny":
		b = pcapwrite.TinyFrames(*frames)
	default:
		log.Fatalf("-kind is %q; use many, empty, bombs, gzip-bombs, fragments, fragments-pings, fragments-deflate or tiny", *kind)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d bytes, %d frames\n", *out, len(b), *frames)
}
