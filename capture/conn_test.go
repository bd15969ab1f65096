package capture

import (
	"net/netip"
	"testing"
	"time"

	"github.com/wsframe/wsframe/decoder"
)

// TestEndpointString formats endpoints as net/netip does.
func TestEndpointString(t *testing.T) {
	for _, s := range []string{
		"127.0.0.1:54012", "0.0.0.0:0", "255.255.255.255:65535",
		"[::1]:8080", "[::]:1", "[2001:db8::1]:443", "[2001:db8:0:0:1:0:0:1]:1",
		"[2001:0:0:1::1]:2", "[1:0:0:2:0:0:0:3]:4", "[fe80::1:2:3:4]:5",
		"[1:2:3:4:5:6:7:8]:9", "[::ffff:10.0.0.1]:80", "[1::]:7", "[0:1:0:1:0:1:0:1]:3",
	} {
		ap := netip.MustParseAddrPort(s)
		e := endpoint{port: ap.Port()}
		if ap.Addr().Is4() {
			a := ap.Addr().As4()
			copy(e.addr[:], a[:])
		} else {
			e.addr, e.v6 = ap.Addr().As16(), true
		}
		if got := e.String(); got != ap.String() {
			t.Errorf("got %s, want %s", got, ap.String())
		}
	}
}

// TestFlowsSharingPorts: connections whose ports are the same (so that
// they share run.recent's slot) on other addresses, one of them not
// WebSocket (ignored) and one opened again on the same ports with a new
// SYN, their packets interleaved: each packet still reaches its own
// connection.
func TestFlowsSharingPorts(t *testing.T) {
	a := newConv("10.0.0.1:40000", "10.0.0.9:8080").Seed()
	b := newConv("10.0.0.2:40000", "10.0.0.9:8080").Handshake().
		Send(true, []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).
		Send(false, []byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).
		Send(true, []byte("GET /again HTTP/1.1\r\nHost: x\r\n\r\n"))
	c := newConv("10.0.0.3:40000", "10.0.0.9:8080").Seed()
	again := newConv("10.0.0.1:40000", "10.0.0.9:8080")
	again.Cseq, again.Sseq = 90000, 70000
	again.T = seedTime.Add(time.Second)
	again.Seed()
	var pkts []testPacket
	for i := 0; i < max(len(a.Pkts), len(b.Pkts), len(c.Pkts)); i++ {
		for _, cv := range []*conv{a, b, c} {
			if i < len(cv.Pkts) {
				pkts = append(pkts, cv.Pkts[i])
			}
		}
	}
	for i := range again.Pkts {
		pkts = append(pkts, again.Pkts[i])
		if i < len(b.Pkts) {
			pkts = append(pkts, b.Pkts[i])
		}
	}
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, pkts, linkOpts{})), decoder.Options{})
	if len(r.Errors) != 0 || len(r.Connections) != 3 {
		t.Fatalf("%d connections, errors %v; want 3 (two, and the first again)", len(r.Connections), r.Errors)
	}
	want := []string{"10.0.0.1:40000", "10.0.0.3:40000", "10.0.0.1:40000"}
	for i, conn := range r.Connections {
		if conn.Client != want[i] || conn.Frames != 2 || conn.Handshake == nil {
			t.Errorf("connection %d: client %s, %d frames, handshake %v; want %s, 2, one", i, conn.Client, conn.Frames, conn.Handshake != nil, want[i])
		}
	}
	if len(r.Messages) != 6 {
		t.Fatalf("%d messages, want 6", len(r.Messages))
	}
	for _, m := range r.Messages {
		if m.Text == nil || (*m.Text != "Hello, world" && *m.Text != "Good bye.") {
			t.Errorf("message %d: %v", m.Index, m.Text)
		}
	}
}
