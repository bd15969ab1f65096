package tlsdec

import "testing"

// TestHelloWhy: a hello that cannot be read says which field runs past
// its end, not just that it cannot be read.
func TestHelloWhy(t *testing.T) {
	body := append([]byte{0x03, 0x03}, make([]byte, 32)...) // version, random
	for _, c := range []struct {
		name   string
		b      []byte
		client bool
		want   string
	}{
		{"cut random", body[:20], true, "the version and random runs past the end of the 20-byte message"},
		{"suites", append(append([]byte{}, body...), 0, 0x01, 0x00, 0x13, 0x01), true, "the list of cipher suites runs past the end of the 39-byte message"},
		{"server suite", append(append([]byte{}, body...), 0, 0x13), false, "the cipher suite and compression method runs past the end of the 36-byte message"},
		{"extensions", append(append([]byte{}, body...), 0, 0, 2, 0x13, 0x01, 1, 0, 0, 9, 0), true, "the extensions run past the end of the 44-byte message"},
		{"whole", append(append([]byte{}, body...), 0, 0, 2, 0x13, 0x01, 1, 0), true, ""},
	} {
		if _, why := readHello(c.b, c.client); why != c.want {
			t.Errorf("%s: %q, want %q", c.name, why, c.want)
		}
	}
}
