package crypt

import (
	"testing"

	"github.com/wsframe/wsframe/tlsdec"
)

// FuzzRecords feeds arbitrary bytes to both directions of a connection
// whose key log knows the seed conversation's session: no panic, and no
// more plaintext out than bytes in.
func FuzzRecords(f *testing.F) {
	cli, srv, log := conv13(f, 0x1301)
	kl, _ := tlsdec.ParseKeyLog([]byte(log))
	f.Add(cli, srv, uint8(7))
	f.Add(cli[:60], srv[:90], uint8(1))
	f.Add([]byte{22, 3, 1, 0, 0}, []byte{23, 3, 3, 0, 17, 1}, uint8(3))
	f.Fuzz(func(t *testing.T, cli, srv []byte, piece uint8) {
		p := int(piece) + 1
		var s sink
		c := tlsdec.NewConn(kl, TLS, &s)
		for i := 0; i < max(len(cli), len(srv)); i += p {
			if i < len(srv) {
				c.Write(1, srv[i:min(i+p, len(srv))])
			}
			if i < len(cli) {
				c.Write(0, cli[i:min(i+p, len(cli))])
			}
			if i == p*3 {
				c.Gap(1, int64(piece))
			}
		}
		c.End(0)
		c.End(1)
		if s.plain[0].Len() > len(cli) || s.plain[1].Len() > len(srv) {
			t.Fatalf("more plaintext than input")
		}
	})
}
