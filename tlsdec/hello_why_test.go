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
		{"cut random", body[:20], true, "legacy_version and random"},
		{"suites", append(append([]byte{}, body...), 0, 0x01, 0x00, 0x13, 0x01), true, "cipher_suites"},
		{"server suite", append(append([]byte{}, body...), 0, 0x13), false, "cipher_suite and legacy_compression_method"},
		{"extensions", append(append([]byte{}, body...), 0, 0, 2, 0x13, 0x01, 1, 0, 0, 9, 0), true, "extensions"},
		{"whole", append(append([]byte{}, body...), 0, 0, 2, 0x13, 0x01, 1, 0), true, ""},
	} {
		if _, why := readHello(c.b, c.client); why != c.want {
			t.Errorf("%s: %q, want %q", c.name, why, c.want)
		}
	}
}
