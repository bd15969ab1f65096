package capture

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

var (
	le pcapwrite.ByteOrder = binary.LittleEndian
	be pcapwrite.ByteOrder = binary.BigEndian
)

// checkSeed checks that r holds the seed exchange as one connection:
// "Hello, world" from the server, then "Good bye." from the client.
func checkSeed(t *testing.T, r *decoder.Result, client, server string) {
	t.Helper()
	if len(r.Errors) != 0 {
		t.Errorf("errors: %+v", r.Errors)
	}
	if len(r.Connections) != 1 {
		t.Fatalf("got %d connections, want 1: %+v", len(r.Connections), r.Connections)
	}
	c := r.Connections[0]
	if c.Client != client || c.Server != server {
		t.Errorf("connection %s -> %s, want %s -> %s", c.Client, c.Server, client, server)
	}
	if c.Handshake == nil || c.MidStream {
		t.Errorf("handshake %+v, mid-stream %v; want a handshake", c.Handshake, c.MidStream)
	}
	if len(r.Frames) != 2 || len(r.Messages) != 2 {
		t.Fatalf("got %d frames, %d messages; want 2, 2", len(r.Frames), len(r.Messages))
	}
	want := []struct {
		from   decoder.Side
		text   string
		offset int64
		packet int
	}{
		{decoder.Server, "Hello, world", int64(len(seedResponse)), 6},
		{decoder.Client, "Good bye.", int64(len(seedRequest)), 7},
	}
	for i, w := range want {
		f, m := r.Frames[i], r.Messages[i]
		if f.From != w.from || f.Offset != w.offset || f.Packet != w.packet || len(f.Violations) != 0 {
			t.Errorf("frame %d: from %s offset %d packet %d violations %v; want %s %d %d none",
				i, f.From, f.Offset, f.Packet, f.Violations, w.from, w.offset, w.packet)
		}
		if m.Text == nil || *m.Text != w.text {
			t.Errorf("message %d: %+v, want %q", i, m, w.text)
		}
		if f.Time == nil || !f.Time.Time().Equal(seedTime.Add(time.Duration(w.packet)*time.Millisecond)) {
			t.Errorf("frame %d: time %v, want %v", i, f.Time, seedTime.Add(time.Duration(w.packet)*time.Millisecond))
		}
	}
	if c.Packets != 7 {
		t.Errorf("connection has %d packets, want 7", c.Packets)
	}
}

// TestSeed decodes the seed exchange from every file format, byte order,
// link type and IP version the package reads.
func TestSeed(t *testing.T) {
	v4 := newConv("127.0.0.1:54012", "127.0.0.1:8080").Seed()
	v4opt := newConv("127.0.0.1:54012", "127.0.0.1:8080")
	v4opt.IPOptions = true
	v4opt.Seed()
	v6 := newConv("[::1]:54012", "[::1]:8080").Seed()
	v6ext := newConv("[2001:db8::1]:54012", "[2001:db8::2]:80")
	v6ext.ExtHeaders = true
	v6ext.Seed()

	type file struct {
		name   string
		b      []byte
		format string
	}
	var files []file
	links := []struct {
		name string
		link uint32
		o    linkOpts
	}{
		{"ethernet", linkEthernet, linkOpts{}},
		{"vlan", linkEthernet, linkOpts{VLAN: []uint16{etherVLAN}}},
		{"qinq", linkEthernet, linkOpts{VLAN: []uint16{etherQinQ, etherVLAN}}},
		{"sll", linkSLL, linkOpts{}},
		{"sll2", linkSLL2, linkOpts{}},
		{"raw", linkRaw, linkOpts{}},
		{"raw12", linkRaw12, linkOpts{}},
		{"raw14", linkRaw14, linkOpts{}},
		{"null", linkNull, linkOpts{}},
		{"null-be", linkNull, linkOpts{BigEndian: true}},
		{"loop", linkLoop, linkOpts{}},
	}
	convs := []struct {
		name           string
		c              *conv
		client, server string
	}{
		{"ipv4", v4, "127.0.0.1:54012", "127.0.0.1:8080"},
		{"ipv4-options", v4opt, "127.0.0.1:54012", "127.0.0.1:8080"},
		{"ipv6", v6, "[::1]:54012", "[::1]:8080"},
		{"ipv6-ext", v6ext, "[2001:db8::1]:54012", "[2001:db8::2]:80"},
	}
	for _, cv := range convs {
		for _, l := range links {
			rs := records(l.link, cv.c.Pkts, l.o)
			name := cv.name + "/" + l.name
			files = append(files,
				file{name + "/pcap-le-usec", writePcap(le, false, l.link, 65535, rs), "pcap-usec"},
				file{name + "/pcap-be-nsec", writePcap(be, true, l.link, 65535, rs), "pcap-nsec-swapped"},
				file{name + "/pcapng-le", writePcapng(le, []ngIface{{Link: uint16(l.link)}}, rs), "pcapng"},
				file{name + "/pcapng-be-nsec", writePcapng(be, []ngIface{{Link: uint16(l.link), Tsresol: 9}}, rs), "pcapng"},
			)
		}
		for _, link := range []uint32{linkIPv4, linkIPv6} {
			if (link == linkIPv6) == (cv.c.Pkts[0].V6) {
				rs := records(link, cv.c.Pkts, linkOpts{})
				files = append(files, file{fmt.Sprintf("%s/raw%d", cv.name, link), writePcap(le, false, link, 65535, rs), "pcap-usec"})
			}
		}
	}
	rs := records(linkEthernet, v4.Pkts, linkOpts{})
	files = append(files,
		file{"gzip-pcap", gzipped(writePcap(be, false, linkEthernet, 65535, rs)), "pcap-usec-swapped+gzip"},
		file{"gzip-pcapng", gzipped(writePcapng(le, []ngIface{{Link: linkEthernet}}, rs)), "pcapng+gzip"},
	)
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			r := Decode(f.b, decoder.Options{})
			if r.Input.Format != f.format {
				t.Errorf("format %q, want %q", r.Input.Format, f.format)
			}
			client, server := "127.0.0.1:54012", "127.0.0.1:8080"
			for _, cv := range convs {
				if strings.HasPrefix(f.name, cv.name+"/") {
					client, server = cv.client, cv.server
				}
			}
			checkSeed(t, r, client, server)
		})
	}
}

// TestPcapngSections reads two sections of opposite byte orders, several
// interfaces with their own link types and timestamp resolutions, and
// simple and obsolete packet blocks.
func TestPcapngSections(t *testing.T) {
	c := newConv("10.0.0.1:40000", "10.0.0.2:9000").Seed()
	ifaces := []ngIface{
		{Link: 147, Snaplen: 65535},                              // unsupported: nothing on it
		{Link: linkSLL, Snaplen: 65535, Tsresol: 9},              // nanoseconds
		{Link: linkEthernet, Snaplen: 65535, Tsresol: 0x80 | 20}, // 2^-20 s
	}
	rs1 := records(linkSLL, c.Pkts[:4], linkOpts{})
	for i := range rs1 {
		rs1[i].Iface = 1
	}
	rs1[2].Block = blockOPB
	rs2 := records(linkEthernet, c.Pkts[4:], linkOpts{})
	for i := range rs2 {
		rs2[i].Iface = 0
	}
	rs2[1].Block = blockSPB // Hello, world: no time
	b := append(writePcapng(be, ifaces[:2], rs1), writePcapng(le, ifaces[2:], rs2)...)
	r := Decode(b, decoder.Options{})
	if len(r.Errors) != 0 || len(r.Frames) != 2 {
		t.Fatalf("errors %+v, %d frames; want none, 2", r.Errors, len(r.Frames))
	}
	if r.Frames[0].Time != nil || r.Frames[0].Packet == 0 {
		t.Errorf("frame 0 from a simple packet block has time %v (want none), packet %d", r.Frames[0].Time, r.Frames[0].Packet)
	}
	// 2^-20 s units keep microseconds to within a microsecond.
	want := seedTime.Add(7 * time.Millisecond)
	if d := r.Frames[1].Time.Time().Sub(want); d < -time.Microsecond || d > time.Microsecond {
		t.Errorf("frame 1 time %v, want %v", r.Frames[1].Time, want)
	}
	if *r.Messages[1].Text != "Good bye." {
		t.Errorf("message 1 = %q", *r.Messages[1].Text)
	}
}

// TestMidStream decodes connections whose handshake was not captured:
// masked frames tell the client even on the lower port.
func TestMidStream(t *testing.T) {
	c := newConv("192.168.1.2:80", "192.168.1.3:50000") // client on the lower port
	c.Send(true, seedClientFrame).Send(false, seedServerFrame).Send(true, seedClientFrame)
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{})
	if len(r.Connections) != 1 {
		t.Fatalf("got %d connections, want 1", len(r.Connections))
	}
	conn := r.Connections[0]
	if !conn.MidStream || conn.Handshake != nil || conn.Client != "192.168.1.2:80" {
		t.Errorf("connection %+v; want mid-stream, no handshake, client 192.168.1.2:80", conn)
	}
	if len(r.Frames) != 3 {
		t.Fatalf("got %d frames, want 3", len(r.Frames))
	}
	for i, from := range []decoder.Side{decoder.Client, decoder.Server, decoder.Client} {
		if f := r.Frames[i]; f.From != from || len(f.Violations) != 0 {
			t.Errorf("frame %d from %s, violations %v; want %s, none", i, f.From, f.Violations, from)
		}
	}
}

// TestReassembledCapture sends the frames in pieces, out of order, with
// retransmissions and a sequence number that wraps.
func TestReassembledCapture(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080")
	c.Cseq = 0xffffff00
	c.Sseq = 0xfffffff0
	c.Handshake()
	c.Send(true, []byte(seedRequest))
	c.Send(false, []byte(seedResponse))
	// Server: "Hello, world" in three pieces, the last two swapped, and the
	// first sent twice.
	s := c.Sseq
	c.Add(false, s, tcpACK, seedServerFrame[:5])
	c.Add(false, s+9, tcpACK, seedServerFrame[9:])
	c.Add(false, s, tcpACK, seedServerFrame[:5])
	c.Add(false, s+5, tcpACK, seedServerFrame[5:9])
	c.Sseq += uint32(len(seedServerFrame))
	// Client: one byte at a time, backwards; the stream wraps past 2^32.
	cs := c.Cseq
	for i := len(seedClientFrame) - 1; i >= 0; i-- {
		c.Add(true, cs+uint32(i), tcpACK, seedClientFrame[i:i+1])
	}
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{})
	if len(r.Errors) != 0 || len(r.Messages) != 2 {
		t.Fatalf("errors %+v, %d messages; want none, 2", r.Errors, len(r.Messages))
	}
	if *r.Messages[0].Text != "Hello, world" || *r.Messages[1].Text != "Good bye." {
		t.Errorf("messages %q, %q", *r.Messages[0].Text, *r.Messages[1].Text)
	}
	if r.Frames[0].Packet != 9 || r.Frames[1].Packet != 24 {
		t.Errorf("frames completed by packets %d and %d, want 9 and 24", r.Frames[0].Packet, r.Frames[1].Packet)
	}
}

// TestCaptureGap loses a segment: the gap is reported where it was and the
// frames after it are decoded.
func TestCaptureGap(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Handshake()
	c.Send(true, []byte(seedRequest)).Send(false, []byte(seedResponse))
	c.Send(false, seedServerFrame)
	c.Sseq += uint32(len(seedServerFrame)) // a frame never captured
	c.Send(false, seedServerFrame)
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{})
	if len(r.Connections) != 1 {
		t.Fatalf("got %d connections, want 1", len(r.Connections))
	}
	want := []decoder.Gap{{From: decoder.Server, Offset: int64(len(seedResponse) + len(seedServerFrame)), Bytes: int64(len(seedServerFrame)), Packet: 7}}
	if got := r.Connections[0].Gaps; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("gaps %+v, want %+v", got, want)
	}
	if len(r.Frames) != 2 || r.Frames[1].Offset != int64(len(seedResponse)+2*len(seedServerFrame)) {
		t.Errorf("frames %+v; want two, the second after the gap", r.Frames)
	}
}

// TestSnapshotLength cuts every packet to 96 bytes: the error says so and
// the cut payload is a gap, not data.
func TestSnapshotLength(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Handshake()
	c.Send(true, []byte(seedRequest))
	rs := snap(records(linkEthernet, c.Pkts, linkOpts{}), 96)
	b := writePcap(le, false, linkEthernet, 96, rs)
	r := Decode(b, decoder.Options{})
	off := 24 + 3*(16+66)
	want := fmt.Sprintf("packet 4 at byte %d: only 96 of %d bytes were captured (snapshot length 96)", off, 66+len(seedRequest))
	if len(r.Errors) != 1 || r.Errors[0].Message != want || r.Errors[0].Offset != int64(off) {
		t.Errorf("errors %+v, want %q at %d", r.Errors, want, off)
	}
	if len(r.Connections) != 0 {
		t.Errorf("a request cut short opened a connection: %+v", r.Connections)
	}
}

// TestNotWebSocket ignores plain HTTP and other TCP traffic.
func TestNotWebSocket(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:80").Handshake()
	c.Send(true, []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
	c.Send(false, []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"))
	d := newConv("127.0.0.1:54013", "127.0.0.1:443").Handshake()
	junk := bytes.Repeat([]byte{0x16, 0x03, 0x01, 0x02, 0x00}, 300)
	for range 100 {
		d.Send(false, junk)
	}
	pkts := append(c.Pkts, d.Pkts...)
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, pkts, linkOpts{})), decoder.Options{})
	if len(r.Connections) != 0 || len(r.Frames) != 0 || len(r.Errors) != 0 {
		t.Errorf("got %d connections, %d frames, errors %v; want none", len(r.Connections), len(r.Frames), r.Errors)
	}
}

// TestManyFramesInOneSegment puts 30000 empty frames in one segment.
func TestManyFramesInOneSegment(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Handshake()
	c.Send(true, []byte(seedRequest)).Send(false, []byte(seedResponse))
	c.Send(false, bytes.Repeat([]byte{0x8a, 0x00}, 30000)) // pongs
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{})
	if len(r.Frames) != 30000 || len(r.Errors) != 0 {
		t.Errorf("got %d frames, errors %v; want 30000, none", len(r.Frames), r.Errors)
	}
}

// TestPortReuse reads two connections on the same ports, one after the other.
func TestPortReuse(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Seed()
	c.Cseq += 100000
	c.Sseq += 200000
	c.Seed()
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{})
	if len(r.Connections) != 2 || len(r.Frames) != 4 {
		t.Errorf("got %d connections, %d frames; want 2, 4", len(r.Connections), len(r.Frames))
	}
}

// TestDecodeReader reads a capture through readers that return a byte, or
// half of what was asked, at a time: the result is the one Decode gives,
// and progress ends at the file size.
func TestDecodeReader(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Seed()
	rs := records(linkEthernet, c.Pkts, linkOpts{})
	for _, b := range [][]byte{
		writePcap(le, false, linkEthernet, 65535, rs),
		writePcapng(be, []ngIface{{Link: linkEthernet}}, rs),
		gzipped(writePcapng(le, []ngIface{{Link: linkEthernet}}, rs)),
	} {
		want, _ := json.Marshal(Decode(b, decoder.Options{}))
		for _, size := range []int64{int64(len(b)), -1} {
			var last int64
			r := DecodeReader(iotest.OneByteReader(bytes.NewReader(b)), size, decoder.Options{}, func(n int64) { last = n })
			got, _ := json.Marshal(r)
			if !bytes.Equal(got, want) {
				t.Errorf("size %d: DecodeReader gave\n%s\nDecode gave\n%s", size, got, want)
			}
			if last != int64(len(b)) {
				t.Errorf("size %d: last progress %d, want %d", size, last, len(b))
			}
			r = DecodeReader(iotest.HalfReader(bytes.NewReader(b)), size, decoder.Options{}, nil)
			if got, _ := json.Marshal(r); !bytes.Equal(got, want) {
				t.Errorf("size %d: DecodeReader with a half reader differs from Decode", size)
			}
		}
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		in   string
		kind string
	}{
		{"d4c3b2a1", "pcap"},
		{"a1b2c3d4", "pcap"},
		{"4d3cb2a1", "pcap"},
		{"a1b23c4d", "pcap"},
		{"0a0d0d0a", "pcapng"},
		{"1f8b0800", "gzip"},
		{"3c21444f", ""},
		{"d4c3", ""},
		{"", ""},
	} {
		kind, ok := Detect(unhex(tc.in))
		if kind != tc.kind || ok != (tc.kind != "") {
			t.Errorf("Detect(%s) = %q, %v; want %q", tc.in, kind, ok, tc.kind)
		}
	}
}

// TestSnapshotCutsFrame cuts a long frame's payload with the snapshot
// length: the frame is reported truncated, the missing bytes are a gap and
// the frame after it is decoded.
func TestSnapshotCutsFrame(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Handshake()
	c.Send(true, []byte(seedRequest)).Send(false, []byte(seedResponse))
	long := append([]byte{0x82, 126, 1, 44}, bytes.Repeat([]byte{0xab}, 300)...)
	c.Send(false, long).Send(false, seedServerFrame)
	rs := records(linkEthernet, c.Pkts, linkOpts{})
	rs[5].Orig = len(rs[5].Data)
	rs[5].Data = rs[5].Data[:200] // 66 bytes of headers, 134 of the frame
	b := writePcap(le, false, linkEthernet, 65535, rs)
	r := Decode(b, decoder.Options{})
	if len(r.Errors) != 1 || !strings.HasPrefix(r.Errors[0].Message, "packet 6 at byte ") {
		t.Errorf("errors %v; want one for packet 6", r.Errors)
	}
	if len(r.Frames) != 2 {
		t.Fatalf("%d frames, want 2", len(r.Frames))
	}
	if f := r.Frames[0]; f.Missing != 304-134 || len(f.Payload) != 130 {
		t.Errorf("frame 0: missing %d, %d payload bytes; want %d, 130", f.Missing, len(f.Payload), 304-134)
	}
	if m := r.Messages[len(r.Messages)-1]; m.Text == nil || *m.Text != "Hello, world" {
		t.Errorf("last message %+v, want Hello, world", m)
	}
	gaps := r.Connections[0].Gaps
	if len(gaps) != 1 || gaps[0].Bytes != 304-134 || gaps[0].Packet != 6 {
		t.Errorf("gaps %+v", gaps)
	}
}

// TestFragments skips IP fragments after the first, with one note.
func TestFragments(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Seed()
	c6 := newConv("[::1]:54012", "[::1]:8080")
	c6.ExtHeaders = true
	c6.Seed()
	for _, tc := range []struct {
		name string
		c    *conv
		frag func(ip []byte)
	}{
		{"ipv4", c, func(ip []byte) { be.PutUint16(ip[6:], 100) }},
		{"ipv6", c6, func(ip []byte) { be.PutUint16(ip[40+24+2:], 100<<3) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkts := append([]testPacket(nil), tc.c.Pkts...)
			p := pkts[6]
			p.IP = clone(p.IP)
			tc.frag(p.IP)
			pkts[6] = p
			b := writePcap(le, false, linkEthernet, 65535, records(linkEthernet, pkts, linkOpts{}))
			r := Decode(b, decoder.Options{})
			po := pcapOffsets(b, le)
			want := fmt.Sprintf("packet 7 at byte %d: skipped 1 IP fragment(s) after the first of their datagram; fragments are not reassembled", po[6])
			if len(r.Errors) != 1 || r.Errors[0].Message != want || r.Errors[0].Offset != int64(po[6]) {
				t.Errorf("errors %v, want %q", r.Errors, want)
			}
			if len(r.Frames) != 1 {
				t.Errorf("%d frames, want 1", len(r.Frames))
			}
		})
	}
}

// TestUpgrade finds the upgrade on any port, whoever has the lower port,
// with heads split over segments and frames in the segment that ends a head.
func TestUpgrade(t *testing.T) {
	req := strings.ReplaceAll(seedRequest, "Upgrade: websocket", "upgrade: keep-alive, WebSocket")
	for _, tc := range []struct {
		name   string
		build  func(c *conv)
		conns  int
		frames int
		client string
	}{
		{"split heads", func(c *conv) {
			c.Send(true, []byte(req[:10])).Send(true, []byte(req[10:50])).Send(true, []byte(req[50:]))
			c.Send(false, []byte(seedResponse[:len(seedResponse)-3]))
			c.Send(false, append([]byte(seedResponse[len(seedResponse)-3:]), seedServerFrame...))
			c.Send(true, seedClientFrame)
		}, 1, 2, "127.0.0.1:80"},
		{"not websocket", func(c *conv) {
			c.Send(true, []byte(strings.ReplaceAll(seedRequest, "websocket", "h2c")))
			c.Send(false, []byte(seedResponse)).Send(false, seedServerFrame)
		}, 0, 0, ""},
		{"refused", func(c *conv) {
			c.Send(true, []byte(seedRequest))
			c.Send(false, []byte("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")).Send(false, seedServerFrame)
		}, 0, 0, ""},
		{"request lost", func(c *conv) {
			c.Cseq += uint32(len(seedRequest))
			c.Send(false, []byte(seedResponse)).Send(false, seedServerFrame)
			c.Send(true, seedClientFrame)
		}, 1, 2, "127.0.0.1:80"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newConv("127.0.0.1:80", "127.0.0.1:50000").Handshake()
			tc.build(c)
			r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{})
			if len(r.Connections) != tc.conns || len(r.Frames) != tc.frames {
				t.Fatalf("%d connections, %d frames; want %d, %d", len(r.Connections), len(r.Frames), tc.conns, tc.frames)
			}
			if tc.conns == 0 {
				return
			}
			if conn := r.Connections[0]; conn.Client != tc.client || conn.Handshake == nil {
				t.Errorf("connection %+v; want client %s and a handshake", conn, tc.client)
			}
			for _, f := range r.Frames {
				if len(f.Violations) != 0 {
					t.Errorf("frame %d: %v", f.Index, f.Violations)
				}
			}
		})
	}
}

// TestMidStreamInsideFrame starts the capture inside a frame: the piece of
// it is skipped and the frames after it decoded.
func TestMidStreamInsideFrame(t *testing.T) {
	c := newConv("10.0.0.1:50000", "10.0.0.2:8080")
	c.Send(false, []byte("world"))    // the end of a frame begun before the capture
	c.Send(false, seedServerFrame)    // whole frames from here
	c.Send(true, seedClientFrame[5:]) // the client too
	c.Send(true, seedClientFrame)
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{})
	if len(r.Connections) != 1 || !r.Connections[0].MidStream || r.Connections[0].Client != "10.0.0.1:50000" {
		t.Fatalf("connections %+v; want one mid-stream, client 10.0.0.1:50000", r.Connections)
	}
	if len(r.Messages) != 2 || *r.Messages[0].Text != "Hello, world" || *r.Messages[1].Text != "Good bye." {
		t.Errorf("messages %+v", r.Messages)
	}
	if r.Frames[0].Offset != 5 || r.Frames[1].Offset != 10 {
		t.Errorf("frame offsets %d, %d; want 5, 10", r.Frames[0].Offset, r.Frames[1].Offset)
	}
}
