package inspect

import (
	"encoding/hex"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/measure"
	"github.com/wsframe/wsframe/paste"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// conversation makes a connection of n small text frames each way after
// the seed's handshake, one frame a segment: the packets, in order.
func conversation(n int) []pcapwrite.Packet {
	c := pcapwrite.NewConv("10.0.0.1:40000", "10.0.0.2:8080", time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC))
	c.Handshake().Send(true, []byte(decoder.SeedRequest)).Send(false, []byte(decoder.SeedResponse))
	for i := range n {
		text := fmt.Sprintf("message %d", i)
		c.Send(false, append([]byte{0x81, byte(len(text))}, text...))
		c.Send(true, append([]byte{0x81, 0x80 | byte(len(text)), 0, 0, 0, 0}, text...))
	}
	return c.Pkts
}

// dumpLines writes b as tshark -x does: 16 bytes a line, the offset in
// four hex digits, then the bytes as ASCII; with width 8, as Follow TCP
// Stream does, the bytes in two groups of eight.
func dumpLines(w *strings.Builder, b []byte, width int) {
	for off := 0; off < len(b); off += 16 {
		line := b[off:min(off+16, len(b))]
		fmt.Fprintf(w, "%0*x  ", width, off)
		for i := range 16 {
			if i == 8 && width == 8 {
				w.WriteByte(' ')
			}
			if i < len(line) {
				fmt.Fprintf(w, "%02x ", line[i])
			} else {
				w.WriteString("   ")
			}
		}
		w.WriteString("  ")
		for _, c := range line {
			if c < 0x20 || c > 0x7e {
				c = '.'
			}
			w.WriteByte(c)
		}
		w.WriteByte('\n')
	}
}

// textForms writes the same conversation of n frames each way in every
// text form that holds a whole conversation.
var textForms = []struct {
	name string
	make func(n int) []byte
}{
	{"tshark -x", func(n int) []byte {
		var w strings.Builder
		for _, p := range conversation(n) {
			dumpLines(&w, pcapwrite.Wrap(pcapwrite.LinkEthernet, p, pcapwrite.LinkOpts{}), 4)
			w.WriteByte('\n')
		}
		return []byte(w.String())
	}},
	{"follow hex", func(n int) []byte { return follow(n, false) }},
	{"follow raw", func(n int) []byte { return follow(n, true) }},
	{"HAR", func(n int) []byte {
		var w strings.Builder
		w.WriteString(`{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"ws://x/","headers":[]},"response":{"status":101,"headers":[]},"_webSocketMessages":[`)
		for i := range n {
			if i > 0 {
				w.WriteByte(',')
			}
			fmt.Fprintf(&w, `{"type":"receive","time":%d.5,"opcode":1,"data":"message %d"},{"type":"send","time":%d.6,"opcode":1,"data":"message %d"}`, 1700000000+i, i, 1700000000+i, i)
		}
		w.WriteString(`]}]}}`)
		return []byte(w.String())
	}},
}

// follow writes Wireshark's Follow TCP Stream of the conversation, as hex
// dump lines or raw hex, the server's turns indented with a tab.
func follow(n int, raw bool) []byte {
	var w strings.Builder
	form := "hex"
	if raw {
		form = "raw"
	}
	fmt.Fprintf(&w, "\n===================================================================\nFollow: tcp,%s\nFilter: tcp.stream eq 0\nNode 0: 10.0.0.1:40000\nNode 1: 10.0.0.2:8080\n", form)
	var off [2]int
	turn := func(server bool, b []byte) {
		side := 0
		if server {
			side = 1
			w.WriteByte('\t')
		}
		if raw {
			w.WriteString(hex.EncodeToString(b))
			w.WriteByte('\n')
			return
		}
		var lines strings.Builder
		dumpLines(&lines, b, 8)
		for i, line := range strings.SplitAfter(strings.TrimSuffix(lines.String(), "\n"), "\n") {
			if i > 0 && server {
				w.WriteByte('\t')
			}
			// Follow counts offsets per direction.
			fmt.Fprintf(&w, "%08x%s", off[side]+16*i, line[8:])
		}
		w.WriteByte('\n')
		off[side] += len(b)
	}
	turn(false, []byte(decoder.SeedRequest))
	turn(true, []byte(decoder.SeedResponse))
	for i := range n {
		text := fmt.Sprintf("message %d", i)
		turn(true, append([]byte{0x81, byte(len(text))}, text...))
		turn(false, append([]byte{0x81, 0x80 | byte(len(text)), 0, 0, 0, 0}, text...))
	}
	w.WriteString("===================================================================\n")
	return []byte(w.String())
}

// threadCPU is the CPU time the calling thread has used where it can be
// read (cputime_linux_test.go), else 0, and the time check is skipped.
var threadCPU = func() time.Duration { return 0 }

// checkGrowth runs work on inputs of n, 2n and 4n and fails when doubling
// the input more than doubles (with slack for slices grown by doubling)
// the bytes or the allocations: quadratic work shows as 4 times.
func checkGrowth(t *testing.T, name string, n int, work func(n int) func()) {
	t.Helper()
	var b, c [3]uint64
	var cpu [3]time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for k := range 3 {
		f := work(n << k)
		b[k], c[k] = measure.Allocs(f)
		// Work that allocates nothing (counting lines) shows only in
		// time: the thread's CPU time, the least of two runs.
		for range 2 {
			t0 := threadCPU()
			f()
			if d := threadCPU() - t0; cpu[k] == 0 || d < cpu[k] {
				cpu[k] = d
			}
		}
	}
	t.Logf("%s: %d, %d, %d bytes in %d, %d, %d allocations; CPU %v, %v, %v", name, b[0], b[1], b[2], c[0], c[1], c[2], cpu[0], cpu[1], cpu[2])
	if cpu[0] > 0 && cpu[2] > 8*cpu[0]+20*time.Millisecond {
		t.Errorf("%s: four times the input takes %.1f times the CPU time (%v, then %v)", name, float64(cpu[2])/float64(cpu[0]), cpu[0], cpu[2])
	}
	for k := 1; k < 3; k++ {
		if float64(b[k]) > 2.6*float64(b[k-1])+256<<10 {
			t.Errorf("%s: twice the input allocates %.1f times the bytes (%d, then %d)", name, float64(b[k])/float64(b[k-1]), b[k-1], b[k])
		}
		if float64(c[k]) > 2.6*float64(c[k-1])+500 {
			t.Errorf("%s: twice the input makes %.1f times the allocations (%d, then %d)", name, float64(c[k])/float64(c[k-1]), c[k-1], c[k])
		}
	}
}

// TestTextFormsAreLinear: every text form of a whole conversation (tshark
// -x, Follow TCP Stream as hex and raw, HAR) decodes in work that grows
// with its size and no faster, and gives every frame; so does the packet
// splitter alone. The line numbers of a dump of many packets were counted
// from the start of the text for every packet (quadratic: 200,000 packets
// took over a minute).
func TestTextFormsAreLinear(t *testing.T) {
	n := 1000
	if runtime.GOOS == "js" {
		n = 250 // WebAssembly under Node is slower
	}
	for _, form := range textForms {
		t.Run(form.name, func(t *testing.T) {
			checkGrowth(t, form.name, n, func(n int) func() {
				text := form.make(n)
				return func() {
					r := Decode(text, decoder.Options{})
					if len(r.Frames) != 2*n || len(r.Errors) > 0 {
						t.Fatalf("%s of %d frames each way: %d frames, errors %v", form.name, n, len(r.Frames), r.Errors)
					}
				}
			})
		})
	}
	t.Run("packet splitter", func(t *testing.T) {
		checkGrowth(t, "SplitPackets", 4*n, func(n int) func() {
			text := textForms[0].make(n)
			return func() {
				if got := len(paste.SplitPackets(text)); got != 2*n+5 {
					t.Fatalf("%d packets, want %d", got, 2*n+5)
				}
			}
		})
	})
}

// TestPacketErrorLines: an error in a later packet of a dump is placed on
// its own line of the whole text (the lines are counted as the packets go).
func TestPacketErrorLines(t *testing.T) {
	text := textForms[0].make(3)
	lines := strings.SplitAfter(string(text), "\n")
	// Spoil the first byte of the last packet's second line.
	at := len(lines) - 1
	for at > 0 && !strings.HasPrefix(lines[at-1], "0000  ") {
		at--
	}
	lines[at] = lines[at][:6] + "zz" + lines[at][8:]
	r := Decode([]byte(strings.Join(lines, "")), decoder.Options{})
	if len(r.Errors) == 0 {
		t.Fatalf("no error; input %+v", r.Input)
	}
	if e := r.Errors[0]; e.Line != at+1 || e.Column != 7 {
		t.Errorf("error at line %d column %d, want line %d column 7: %s", e.Line, e.Column, at+1, e.Message)
	}
}
