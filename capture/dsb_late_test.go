package capture

import (
	"compress/gzip"
	"encoding/binary"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tlsdec/crypt"
)

// TestSecretsBlockAfterPackets: a pcapng whose Decryption Secrets Block
// comes after the packets says so on each connection it holds the key
// for, rather than "no key for this session".
func TestSecretsBlockAfterPackets(t *testing.T) {
	f, err := os.Open("../testdata/captures/tls/t13-aes128gcm-deflate.dsb.pcapng.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	// The blocks, little-endian as this file is: the secrets block moved last.
	var head, dsb, rest []byte
	for off := 0; off+12 <= len(b); {
		typ, n := binary.LittleEndian.Uint32(b[off:]), int(binary.LittleEndian.Uint32(b[off+4:]))
		blk := b[off : off+n]
		switch {
		case typ == blockDSB:
			dsb = append(dsb, blk...)
		case typ == blockSHB || typ == blockIDB:
			head = append(head, blk...)
		default:
			rest = append(rest, blk...)
		}
		off += n
	}
	if len(dsb) == 0 {
		t.Fatal("no secrets block")
	}
	late := append(append(head, rest...), dsb...)
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"first", b, ""},
		{"last", late, "the capture's Decryption Secrets Block with its key comes after it"},
	} {
		r := Decode(c.in, decoder.Options{Decrypt: crypt.TLS})
		n := 0
		for _, cn := range r.Connections {
			if cn.TLS != nil && strings.Contains(cn.TLS.Error, c.want) && c.want != "" {
				n++
			}
		}
		switch {
		case c.want == "" && (r.Input.TLSMatched == 0 || len(r.Frames) == 0):
			t.Errorf("%s: %d of %d sessions matched, %d frames", c.name, r.Input.TLSMatched, r.Input.TLSSessions, len(r.Frames))
		case c.want != "" && n == 0:
			t.Errorf("%s: no connection says %q: %+v", c.name, c.want, r.Connections)
		}
	}
}
