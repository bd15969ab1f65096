package capture

import (
	"net/netip"
	"testing"
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
