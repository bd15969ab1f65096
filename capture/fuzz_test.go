package capture

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/golden"
)

// addTestdata seeds f with every capture in testdata.
func addTestdata(f *testing.F) {
	names, _ := filepath.Glob("testdata/*.pcap*")
	for _, name := range names {
		if filepath.Ext(name) == ".json" {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzDecode decodes any bytes as a capture: it must not panic, its error
// offsets must lie inside the input, and reading it piece by piece must
// give the result reading it whole gives.
func FuzzDecode(f *testing.F) {
	addTestdata(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		lim := Limits{MaxDecompressed: 1 << 20}
		r := DecodeWith(bytes.NewReader(b), int64(len(b)), decoder.Options{}, lim, nil)
		size := int64(len(b))
		if r.Input.Format == "+gzip" || bytes.HasSuffix([]byte(r.Input.Format), []byte("+gzip")) {
			size = r.Input.Bytes // offsets count decompressed bytes
		}
		for _, e := range r.Errors {
			if e.Offset < 0 || e.Offset > size {
				t.Errorf("error offset %d outside the input of %d bytes: %s", e.Offset, size, e.Message)
			}
		}
		for _, fr := range r.Frames {
			if fr.Offset < 0 || fr.Connection == nil || *fr.Connection >= len(r.Connections) {
				t.Errorf("frame %+v", fr)
			}
		}
		if kind, _ := Detect(b); kind != "gzip" {
			got, _ := json.Marshal(r)
			want, _ := json.Marshal(Decode(b, decoder.Options{}))
			if !bytes.Equal(got, want) {
				t.Errorf("DecodeWith and Decode differ:\n%s\n%s", got, want)
			}
			// Read into an index and back, every byte read again.
			ir, _ := indexed(t, b, decoder.Options{})
			if ij, _ := json.Marshal(ir); !bytes.Equal(ij, want) {
				t.Errorf("the index gives another result:\n%s", firstDiff(want, ij))
			}
		}
	})
}

// FuzzReassembly feeds the reassembler segments described by the input,
// three bytes each: where the segment starts (relative to the furthest
// byte seen), its length, and flags (bit 0: the second half of it was cut
// by the snapshot length; bit 1: content other than the first sending;
// bit 2: SYN). Every byte handed out must be the first seen at its place,
// never a cut one, and data plus gaps must add up to the stream offset.
func FuzzReassembly(f *testing.F) {
	f.Add([]byte{64, 10, 0, 70, 5, 0, 60, 20, 2, 64, 3, 1})
	f.Add([]byte{64, 10, 4, 100, 30, 0, 30, 63, 3})
	f.Fuzz(func(t *testing.T, ops []byte) {
		const base = 0xffffff80   // wraps within the first 128 bytes
		first := map[uint32]int{} // first byte seen at each sequence number, -1 if cut
		var pos uint32            // next sequence number handed out
		var out int64
		fail := false
		sink := &funcSink{
			onData: func(p []byte) {
				for _, c := range p {
					v, ok := first[pos]
					if !ok || v != int(c) {
						if !fail {
							t.Errorf("byte at seq %d is %d; first seen %d (known %v)", pos, c, v, ok)
						}
						fail = true
					}
					pos++
				}
				out += int64(len(p))
			},
			onGap: func(n int64) { pos += uint32(n); out += n },
		}
		r := reassembler{out: sink, limit: 100}
		furthest := uint32(base)
		for i := 0; i+3 <= len(ops); i += 3 {
			seq := furthest + uint32(int32(ops[i])-64)
			n := int(ops[i+1] % 64)
			flags := ops[i+2]
			syn := flags&4 != 0
			start := seq
			if syn {
				start++
			}
			if !r.started {
				pos = start
			}
			keep, lost := n, 0
			if flags&1 != 0 {
				keep, lost = n/2, n-n/2
			}
			data := make([]byte, keep)
			for k := range data {
				s := start + uint32(k)
				data[k] = byte(s * 31)
				if flags&2 != 0 {
					data[k] += byte(i + 1)
				}
				if _, ok := first[s]; !ok {
					first[s] = int(data[k])
				}
			}
			for k := range lost {
				if _, ok := first[start+uint32(keep+k)]; !ok {
					first[start+uint32(keep+k)] = -1
				}
			}
			r.segment(seq, syn, data, lost, decoder.Mark{Packet: i/3 + 1})
			if end := start + uint32(n); int32(end-furthest) > 0 {
				furthest = end
			}
			if r.heldBytes > r.limit || len(r.held) > maxHeldSegments {
				t.Fatalf("holding %d bytes in %d segments, past the limit", r.heldBytes, len(r.held))
			}
		}
		r.flush()
		if out != r.offset || len(r.held) != 0 {
			t.Errorf("handed out %d bytes, offset %d, %d segments still held", out, r.offset, len(r.held))
		}
	})
}

type funcSink struct {
	onData func([]byte)
	onGap  func(int64)
}

func (s *funcSink) data(p []byte, _ decoder.Mark) { s.onData(p) }
func (s *funcSink) gap(n int64, _ decoder.Mark)   { s.onGap(n) }

// TestWriteFuzzSeeds keeps a few seeds in testdata/fuzz, where go test
// replays them: the synthetic captures cut short at a few places.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*golden.Update {
		t.Skip("run with -update to rewrite the fuzz seeds")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzDecode")
	os.MkdirAll(dir, 0o755)
	caps := goldenCaptures()
	for _, name := range []string{"seed.pcap", "sections.pcapng", "midstream.pcap"} {
		b := caps[name]
		for _, cut := range []int{len(b) / 3, len(b) - 7} {
			seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b[:cut])
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d", name, cut)), []byte(seed), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir = filepath.Join("testdata", "fuzz", "FuzzReassembly")
	os.MkdirAll(dir, 0o755)
	for i, ops := range [][]byte{
		{64, 10, 0, 64, 10, 0, 54, 10, 2},           // in order, then a retransmission
		{70, 10, 0, 50, 20, 0, 64, 40, 1},           // reordered, then cut bytes
		{64, 60, 4, 64, 60, 0, 64, 60, 0, 0, 63, 2}, // across the wrap
	} {
		seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", ops)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%d", i)), []byte(seed), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzConversation sends the seed exchange (with each frame repeated) cut
// into segments as the input says, two bytes a segment: the first byte's
// bit 0 picks the side, bit 1 sends the segment twice, bit 2 sends it after
// the next one, bit 3 drops it; the second byte is its length. Whatever the
// cutting, reordering and duplication, the messages must come out whole
// and in order; with segments dropped, decoding must go on.
func FuzzConversation(f *testing.F) {
	f.Add([]byte{0, 10, 1, 200, 2, 3, 4, 50, 5, 7, 0, 255})
	f.Add([]byte{8, 20, 1, 30, 9, 5, 0, 1, 1, 1, 6, 80})
	f.Fuzz(func(t *testing.T, ops []byte) {
		const repeat = 20
		streams := [2][]byte{[]byte(seedResponse), []byte(seedRequest)} // server, client
		for range repeat {
			streams[0] = append(streams[0], seedServerFrame...)
			streams[1] = append(streams[1], seedClientFrame...)
		}
		c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Handshake()
		base := [2]uint32{c.Sseq, c.Cseq}
		var pos [2]int
		type pending struct {
			client bool
			seq    uint32
			data   []byte
		}
		var later *pending
		dropped := false
		send := func(p pending) { c.Add(p.client, p.seq, tcpACK, p.data) }
		for i := 0; i+2 <= len(ops) || pos[0] < len(streams[0]) || pos[1] < len(streams[1]); i += 2 {
			var a, n byte = 0, 100
			if i+2 <= len(ops) {
				a, n = ops[i], ops[i+1]
			} else if pos[0] < len(streams[0]) {
				a = 0
			} else {
				a = 1
			}
			d := int(a & 1)
			if pos[d] >= len(streams[d]) {
				d = 1 - d
			}
			k := min(int(n)+1, len(streams[d])-pos[d])
			p := pending{client: d == 1, seq: base[d] + uint32(pos[d]), data: streams[d][pos[d] : pos[d]+k]}
			pos[d] += k
			switch {
			case a&8 != 0:
				dropped = true
			case a&4 != 0 && later == nil:
				later = &p
				continue
			default:
				send(p)
				if a&2 != 0 {
					send(p)
				}
			}
			if later != nil {
				send(*later)
				later = nil
			}
		}
		if later != nil {
			send(*later)
		}
		r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{})
		if len(r.Connections) > 1 {
			t.Fatalf("%d connections, want at most 1", len(r.Connections))
		}
		if dropped {
			return
		}
		if len(r.Errors) != 0 {
			t.Fatalf("errors %v", r.Errors)
		}
		if len(r.Connections) != 1 || r.Connections[0].MidStream || len(r.Connections[0].Gaps) != 0 {
			t.Fatalf("connections %+v; want one with its handshake and no gaps", r.Connections)
		}
		var got [2]int
		for _, m := range r.Messages {
			want := "Hello, world"
			if m.From == decoder.Client {
				want = "Good bye."
			}
			if m.Text == nil || *m.Text != want {
				t.Fatalf("message %d from %s: %+v", m.Index, m.From, m)
			}
			if m.From == decoder.Client {
				got[1]++
			} else {
				got[0]++
			}
		}
		if got != [2]int{repeat, repeat} {
			t.Errorf("got %v messages (server, client), want %d each", got, repeat)
		}
	})
}
