package main

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// wsFrame is one frame's bytes: a client's masked with the key 1 2 3 4.
func wsFrame(fin bool, op byte, client bool, payload []byte) []byte {
	b0 := op
	if fin {
		b0 |= 0x80
	}
	b := []byte{b0, byte(len(payload))}
	if !client {
		return append(b, payload...)
	}
	b[1] |= 0x80
	b = append(b, 1, 2, 3, 4)
	for k, c := range payload {
		b = append(b, c^byte(1+k%4))
	}
	return b
}

// mixedFrames is what each sender of a hostile mix sends, n frames of it,
// seeded: fragmented messages whose fragments other senders' frames and
// pings come between, messages never ended (a data frame while one is
// open, or the end), continuations of nothing, reserved opcodes, text
// that is not UTF-8, and single-frame messages.
func mixedFrames(rng *rand.Rand, client bool, n int) [][]byte {
	var out [][]byte
	open := false
	for len(out) < n {
		switch r := rng.IntN(20); {
		case r < 8 && open: // a fragment, maybe the last
			fin := rng.IntN(4) == 0
			out = append(out, wsFrame(fin, 0, client, []byte(fmt.Sprint("c", len(out)))))
			open = !fin
		case r < 10: // start a message of fragments, maybe while one is open
			op := byte(1 + rng.IntN(2))
			p := []byte(fmt.Sprint("s", len(out)))
			if rng.IntN(5) == 0 {
				p = []byte{0xff, 0xfe} // not UTF-8 in a text message
			}
			out = append(out, wsFrame(false, op, client, p))
			open = true
		case r < 13:
			out = append(out, wsFrame(true, 9, client, []byte("ping")))
		case r < 14:
			out = append(out, wsFrame(true, 0, client, []byte("orphan"))) // when none is open
			open = false
		case r < 15:
			out = append(out, wsFrame(true, 3, client, []byte("reserved")))
		default:
			out = append(out, wsFrame(true, 1, client, []byte(fmt.Sprint("m", len(out)))))
			open = false
		}
	}
	return out
}

// mixedCapture is a pcap of conns connections whose senders send
// mixedFrames, a few frames a segment, their segments interleaved.
func mixedCapture(seed uint64, conns, frames int) []byte {
	rng := rand.New(rand.NewPCG(seed, 1))
	type sender struct {
		c      *pcapwrite.Conv
		client bool
		frames [][]byte
	}
	var ss []*sender
	var cs []*pcapwrite.Conv
	start := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range conns {
		c := pcapwrite.NewConv(fmt.Sprintf("10.0.0.1:%d", 40000+i), "10.0.0.2:8080", start)
		c.Handshake().Send(true, []byte(decoder.SeedRequest)).Send(false, []byte(decoder.SeedResponse))
		cs = append(cs, c)
		ss = append(ss, &sender{c, true, mixedFrames(rng, true, frames)}, &sender{c, false, mixedFrames(rng, false, frames)})
	}
	b := pcapwrite.AppendPcapHeader(nil, binary.LittleEndian, false, pcapwrite.LinkEthernet, 65535)
	var pkts []pcapwrite.Packet
	for _, c := range cs {
		pkts = append(pkts, c.Pkts...)
		c.Pkts = nil
	}
	for {
		var left []*sender
		for _, s := range ss {
			if len(s.frames) > 0 {
				left = append(left, s)
			}
		}
		if len(left) == 0 {
			break
		}
		s := left[rng.IntN(len(left))]
		k := min(1+rng.IntN(3), len(s.frames))
		var seg []byte
		for _, f := range s.frames[:k] {
			seg = append(seg, f...)
		}
		s.frames = s.frames[k:]
		s.c.Send(s.client, seg)
		pkts = append(pkts, s.c.Pkts...)
		s.c.Pkts = nil
	}
	for _, p := range pkts {
		b = pcapwrite.AppendPcapRecord(b, binary.LittleEndian, false, pcapwrite.Record{TS: p.TS, Data: pcapwrite.Wrap(pcapwrite.LinkEthernet, p, pcapwrite.LinkOpts{})})
	}
	return b
}

// bigTextFrames returns n text frames of about 100 KB each, the 16 KiB
// pieces writeEscaped cuts falling inside characters of every length
// (each message begins with one more "a"), among NULs, escapes, HTML
// characters, a bidi override and a line separator; message 1 holds bytes
// that are not UTF-8.
func bigTextFrames(n int) []byte {
	const mix = "a<é€😀\x00\x1b\u202e\u2028&\"\\\n"
	var b []byte
	for i := range n {
		p := []byte(strings.Repeat("a", i))
		for j := 0; len(p) < 100<<10; j++ {
			p = append(p, mix...)
			if i == 1 && j%1000 == 999 {
				p = append(p, 0xff, 0xe2, 0x82)
			}
		}
		b = append(b, 0x81, 127)
		b = binary.BigEndian.AppendUint64(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}

// TestJSONPassesSameAsIndex: -json and the list written from decodes
// through a sink (writeJSONPasses, writeListPasses) are byte for byte,
// with the same stderr and exit status, what the index's writers
// (writeJSONStream, writeView) write, the list whole and with -conn: for every
// capture of the tests (the wss:// ones with their keys and without),
// every pasted form and stream dump of the tests and their HAR files,
// gencapture's hostile kinds, a mix of fragmented messages interleaved
// across connections and senders with pings, orphans, reserved opcodes
// and messages never ended, raw frames, hex, Follow TCP Stream text and a
// HAR file; each also with the spool and the records passing to their
// temporary files at once, and every message's data and text written a
// piece at a time (bigMessage 0).
func TestJSONPassesSameAsIndex(t *testing.T) {
	defer func(n, s, r, b int) { wholeInput, spoolMemory, recordMemory, bigMessage = n, s, r, b }(wholeInput, spoolMemory, recordMemory, bigMessage)
	wholeInput = 1 << 10
	dir := t.TempDir()
	type input struct {
		name string
		args []string
	}
	var ins []input
	add := func(name string, data []byte) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ins = append(ins, input{name, []string{path}})
	}
	files, _ := filepath.Glob("../../testdata/captures/*.pcap*")
	more, _ := filepath.Glob("../../capture/testdata/*.pcap*")
	for _, f := range append(files, more...) {
		if filepath.Ext(f) != ".json" {
			ins = append(ins, input{filepath.Base(f), []string{f}})
		}
	}
	// Every pasted form of the tests and every stream dump (tshark -x,
	// Follow TCP Stream ...), those over wholeInput through the passes,
	// and the HAR files.
	for _, glob := range []string{"../../testdata/dumps/*.*", "../../testdata/dumps/streams/*.*", "../../testdata/har/*.har"} {
		dumps, _ := filepath.Glob(glob)
		for _, f := range dumps {
			ins = append(ins, input{filepath.Base(f), []string{f}})
		}
	}
	keys, _ := filepath.Glob("../../testdata/captures/tls/*.keys")
	for _, k := range keys {
		pcap := strings.TrimSuffix(k, ".keys") + ".pcap"
		if _, err := os.Stat(pcap); err != nil {
			pcap += "ng"
		}
		ins = append(ins, input{filepath.Base(pcap) + " -keylog", []string{"-keylog", k, pcap}}, input{filepath.Base(pcap), []string{pcap}})
	}
	add("fragments.pcap", pcapwrite.Fragments(3000, false, false))
	add("fragments-pings.pcap", pcapwrite.Fragments(3000, true, false))
	add("fragments-deflate.pcap", pcapwrite.Fragments(3000, false, true))
	add("many.pcap", pcapwrite.ManyFrames(3000, 0, 0))
	add("empty.pcap", pcapwrite.EmptyFrames(3000))
	add("gzip-bombs.pcap", pcapwrite.GzipBombs(3, 1<<20))
	for seed := range uint64(4) {
		add(fmt.Sprintf("mixed-%d.pcap", seed), mixedCapture(seed, 3, 400))
	}
	var raw []byte
	for _, f := range mixedFrames(rand.New(rand.NewPCG(7, 7)), false, 2000) {
		raw = append(raw, f...)
	}
	add("mixed.bin", raw)
	add("big-text.bin", bigTextFrames(5))
	add("mixed.txt", []byte(hex.EncodeToString(raw)+"\n"))
	add("follow.txt", []byte(followRaw(1000)))
	var har strings.Builder
	har.WriteString(`{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"ws://x/chat","headers":[{"name":"Upgrade","value":"websocket"}]},"response":{"status":101,"headers":[]},"_webSocketMessages":[`)
	for i := range 1000 {
		if i > 0 {
			har.WriteByte(',')
		}
		fmt.Fprintf(&har, `{"type":"send","time":%d.25,"opcode":1,"data":"hello %d"},{"type":"receive","time":%d.5,"opcode":2,"data":"AAEC"}`, 1700000000+i, i, 1700000000+i)
	}
	har.WriteString(`]}]}}`)
	add("big.har", []byte(har.String()))

	// -json, and the list (of a capture or HAR: writeListPasses), whole
	// and of one connection.
	forms := [][]string{{"-json"}, {"-color", "never"}, {"-color", "never", "-conn", "1"}}
	for _, in := range ins {
		for _, form := range forms {
			args := append(append([]string{}, form...), in.args...)
			jsonPasses = false
			want, wantErr, wantCode := runCLI(t, "", args...)
			jsonPasses = true
			for _, spill := range []bool{false, true} {
				spoolMemory, recordMemory, bigMessage = 8<<20, 1<<15, 64<<10
				if spill {
					// Every message's data and text written a piece
					// at a time too.
					spoolMemory, recordMemory, bigMessage = 1, 1, 0
				}
				got, gotErr, gotCode := runCLI(t, "", args...)
				if got != want || gotErr != wantErr || gotCode != wantCode {
					t.Fatalf("%s %v (spilled %v): exit %d, %q; from the index: exit %d, %q:\n%s", in.name, form, spill, gotCode, gotErr, wantCode, wantErr, diffAt(want, got))
				}
			}
		}
	}
}

// TestJSONPassesHeapFlat: what -json and the list hold while they write,
// through the passes, is the same at 1x, 2x and 4x the frames: one message of
// many fragments alone or between pings, ordinary messages, and the
// interleaved mix (the live heap sampled as it writes, beside what was
// live before the command began).
func TestJSONPassesHeapFlat(t *testing.T) {
	// The spool and the records reach their memory at 1x already.
	defer func(s, r int) { spoolMemory, recordMemory = s, r }(spoolMemory, recordMemory)
	spoolMemory, recordMemory = 64<<10, 1<<12
	kinds := []struct {
		name string
		make func(n int) []byte
	}{
		{"fragments", func(n int) []byte { return pcapwrite.Fragments(n, false, false) }},
		{"fragments-pings", func(n int) []byte { return pcapwrite.Fragments(n/2, true, false) }},
		{"many", func(n int) []byte { return pcapwrite.ManyFrames(n, 0, 0) }},
		{"mixed", func(n int) []byte { return mixedCapture(1, 2, n/4) }},
	}
	for _, form := range [][]string{{"-json"}, {"-color", "never"}} {
		for _, k := range kinds {
			heapFlat(t, form, k.name, k.make)
		}
	}
}

// heapFlat runs the command with args on what gen makes of 10,000,
// 20,000 and 40,000 frames, and fails if what it holds while it writes
// grows with them beyond the first decode's table.
func heapFlat(t *testing.T, args []string, kind string, gen func(n int) []byte) {
	var held []uint64
	fragmented := 0 // messages of more than one frame at 4x
	for _, n := range []int{10000, 20000, 40000} {
		name := filepath.Join(t.TempDir(), kind+".pcap")
		b := gen(n)
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if n == 40000 {
			for _, m := range capture.Decode(b, decoder.Options{}).Messages {
				if len(m.Frames) > 1 {
					fragmented++
				}
			}
		}
		b = nil
		held = append(held, heldWriting(t, args, name))
	}
	// The first decode's table: 16 bytes a message of many frames
	// (twice, as its slice grows), none a frame.
	table := uint64(32 * fragmented)
	t.Logf("%s %v: held while writing, 1x/2x/4x: %v bytes (%d messages of many frames at 4x)", kind, args, held, fragmented)
	if held[2] > held[0]+table+256<<10 || held[1] > held[0]+table+256<<10 {
		t.Errorf("%s %v: held %v bytes at 1x/2x/4x the frames: it grows with them", kind, args, held)
	}
}

// heldWriting runs the command with args on file name and returns what
// it held while it wrote, beyond what was live before it began.
func heldWriting(t *testing.T, args []string, name string) uint64 {
	t.Helper()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h := &heapPeak{peak: ms.HeapAlloc}
	var errOut strings.Builder
	if code := run(append(append([]string{}, args...), name), nil, h, &errOut); code > 1 {
		t.Fatalf("%v %s: exit %d: %s", args, name, code, errOut.String())
	}
	return h.peak - ms.HeapAlloc
}

// TestJSONPassesConnectionsHeld: what -json holds while it writes a HAR
// file of 1x, 2x and 4x WebSocket entries (each a connection, with its
// handshake's headers and checks, a few KB as JSON) grows by at most a
// small record a connection: the handshakes wait in a temporary file
// (decoder.HandshakeSink), and the connections are written one at a
// time. It held about 15 KB a connection before. A capture of many
// connections goes the same way (the same sink).
func TestJSONPassesConnectionsHeld(t *testing.T) {
	var held []uint64
	counts := []int{1000, 2000, 4000}
	for _, n := range counts {
		var b strings.Builder
		b.WriteString(`{"log":{"version":"1.2","entries":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"request":{"method":"GET","url":"ws://x%d/chat","headers":[{"name":"Upgrade","value":"websocket"},{"name":"Connection","value":"Upgrade"},{"name":"Sec-WebSocket-Key","value":"dGhlIHNhbXBsZSBub25jZQ=="},{"name":"Sec-WebSocket-Version","value":"13"}]},"response":{"status":101,"headers":[{"name":"Upgrade","value":"websocket"},{"name":"Connection","value":"Upgrade"},{"name":"Sec-WebSocket-Accept","value":"s3pPLMBiTxaQ9kYGzzhZRbK+xOo="}]},"_webSocketMessages":[{"type":"send","time":%d.25,"opcode":1,"data":"hello %d"}]}`, i, 1700000000+i, i)
		}
		b.WriteString(`]}}`)
		name := filepath.Join(t.TempDir(), "entries.har")
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		held = append(held, heldWriting(t, []string{"-json"}, name))
	}
	t.Logf("held while writing %v entries: %v bytes", counts, held)
	// A connection's record in the result (its counts, its two ends, its
	// place in the store): well under 1 KB.
	const perConnection = 1 << 10
	for i := 1; i < len(held); i++ {
		if d := int64(held[i]) - int64(held[0]); d > int64(counts[i]-counts[0])*perConnection {
			t.Errorf("held %v bytes for %v entries: %d more at %d entries than at %d, over %d bytes a connection", held, counts, d, counts[i], counts[0], perConnection)
		}
	}
}

// TestJSONPassesBigDataHeld: what -json holds while it writes one message
// of 2, 4 and 8 MiB (a compressed message of NULs, its data two hex
// digits a byte) grows by what the decoder holds of it (the data whole
// and the inflater's buffer, doubled as it grew: about 4.6 bytes a byte
// measured) and not by its JSON, now written a piece at a time (bigData).
// Made whole (bigMessage past the data) it held 8.7 bytes a byte: the
// hex marshalled, then indented, beside the data.
func TestJSONPassesBigDataHeld(t *testing.T) {
	var held []uint64
	sizes := []int{2 << 20, 4 << 20, 8 << 20}
	for _, n := range sizes {
		name := filepath.Join(t.TempDir(), "bomb.pcap")
		if err := os.WriteFile(name, pcapwrite.Bombs(1, n), 0o644); err != nil {
			t.Fatal(err)
		}
		held = append(held, heldWriting(t, []string{"-json"}, name))
	}
	t.Logf("held while writing a message of %v bytes: %v bytes", sizes, held)
	for i := 1; i < len(held); i++ {
		if d := int64(held[i]) - int64(held[0]); d > 6*int64(sizes[i]-sizes[0]) {
			t.Errorf("held %v bytes for messages of %v bytes: %d more at %d than at %d, over 6 bytes a byte of data", held, sizes, d, sizes[i], sizes[0])
		}
	}
}
