package main

import (
	"os"
	"runtime/debug"

	"github.com/wsframe/wsframe/decoder"
)

// indexHeadroom is the memory the command lets the heap hold beside a
// finished index while it writes what was read into it: a frame or
// message read again, the list of a message's frames, the output buffer.
const indexHeadroom = 96 << 20

// holdToIndex sets the collector's soft memory limit to what index ix
// keeps plus indexHeadroom, once the decode is done. Writing a decode a
// frame at a time makes garbage the collector takes back; by default it
// lets the heap grow to twice what is live, and the index is most of
// that (1,000,000 fragments each after a ping: 241 MiB for an 85 MB
// index). Near the limit it collects sooner instead. The limit is soft:
// more live memory than it (a message read whole) is still allowed. A
// limit set with GOMEMLIMIT is left as it is.
func holdToIndex(ix *decoder.Index) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(ix.Bytes() + indexHeadroom)
}

// textHeadroom is the memory -stats lets the heap hold beside the text or
// raw frame bytes it counts (at most maxTextInput): the decoder's buffers
// and the garbage of reading the text's lines.
const textHeadroom = 24 << 20

// statsFloor is the least soft memory limit -stats sets, whatever it
// holds: room for the Result's list of connections (about 170 bytes
// each: 200,000 HAR entries keep 35 MB) beside what textHeadroom is for.
const statsFloor = 48 << 20

// holdForStats sets the collector's soft memory limit for -stats to n,
// the size of the input it holds (text; 0 for a capture or a HAR file,
// read as they are counted), plus textHeadroom, and at least statsFloor.
// What is live is mostly that, and by default the heap may grow to twice
// it before it is collected: 31 MB of tshark -x text took 72 MiB, 200,000
// HAR entries 108 MiB. A limit set with GOMEMLIMIT is left as it is.
func holdForStats(n int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(max(int64(n)+textHeadroom, statsFloor))
}
