package crypt

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/tlsdec"
)

// The handshake message types and extensions the conversations below use
// (RFC 8446 section 4 and 4.2).
const (
	hsClientHello         = 1
	hsServerHello         = 2
	hsEncryptedExtensions = 8
	hsFinished            = 20
	hsKeyUpdate           = 24
	extServerName         = 0
	extALPN               = 16
	extSupportedVersions  = 43
)

// sink records what a Conn hands out.
type sink struct {
	plain [2]bytes.Buffer
	recs  [2][]int
	errs  []*tlsdec.Error
	lost  int64
}

func (s *sink) Plaintext(d int, p []byte, r tlsdec.Record) {
	s.plain[d].Write(p)
	s.recs[d] = append(s.recs[d], r.Number)
}
func (s *sink) LostPlaintext(d int, n int64, r tlsdec.Record) { s.lost += n }
func (s *sink) Problem(e *tlsdec.Error)                       { s.errs = append(s.errs, e) }

// hs frames a handshake message (RFC 8446 section 4).
func hs(typ byte, body []byte) []byte {
	n := len(body)
	return append([]byte{typ, byte(n >> 16), byte(n >> 8), byte(n)}, body...)
}

func record(typ byte, body []byte) []byte {
	return append([]byte{typ, 3, 3, byte(len(body) >> 8), byte(len(body))}, body...)
}

func vec16(b []byte) []byte { return append([]byte{byte(len(b) >> 8), byte(len(b))}, b...) }

func ext(typ uint16, body []byte) []byte {
	return append([]byte{byte(typ >> 8), byte(typ)}, vec16(body)...)
}

// seal13 encrypts one TLS 1.3 record (RFC 8446 section 5.2).
func seal13(k *keys, seq uint64, inner byte, content []byte) []byte {
	var nonce [12]byte
	copy(nonce[:], k.iv)
	xorSeq(&nonce, seq)
	pt := append(append([]byte(nil), content...), inner)
	n := len(pt) + k.aead.Overhead()
	hdr := []byte{23, 3, 3, byte(n >> 8), byte(n)}
	return append(hdr, k.aead.Seal(nil, nonce[:], pt, hdr)...)
}

// conv13 is a TLS 1.3 conversation made here (the real-peer captures are in
// package capture's tests): the hellos, each side's Finished, application
// data, and a KeyUpdate from the server. It returns the client's and the
// server's bytes and the key log.
func conv13(t testing.TB, suiteID uint16) (cli, srv []byte, log string) {
	s := tlsdec.FindSuite(suiteID)
	size := tlsdec.HashSize(s.PRF)
	secret := func(b byte) []byte { return bytes.Repeat([]byte{b}, size) }
	crand := bytes.Repeat([]byte{0x11}, 32)
	ch := []byte{3, 3}
	ch = append(ch, crand...)
	ch = append(ch, 0, 0, 2, byte(suiteID>>8), byte(suiteID), 1, 0)
	var exts []byte
	exts = append(exts, ext(extSupportedVersions, []byte{2, 3, 4})...)
	exts = append(exts, ext(extServerName, vec16(append([]byte{0}, vec16([]byte("example.test"))...)))...)
	exts = append(exts, ext(extALPN, vec16([]byte("\x08http/1.1")))...)
	ch = append(ch, vec16(exts)...)
	sh := []byte{3, 3}
	sh = append(sh, bytes.Repeat([]byte{0x22}, 32)...)
	sh = append(sh, 0, byte(suiteID>>8), byte(suiteID), 0)
	sh = append(sh, vec16(ext(extSupportedVersions, []byte{3, 4}))...)

	mk := func(sec []byte) *keys {
		k, err := keys13(s, sec)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	chs, shs, cts, sts := secret(1), secret(2), secret(3), secret(4)
	cli = record(22, hs(hsClientHello, ch))
	cli = append(cli, 20, 3, 3, 0, 1, 1) // change_cipher_spec, for middlebox compatibility
	cli = append(cli, seal13(mk(chs), 0, 22, hs(hsFinished, make([]byte, size)))...)
	ck := mk(cts)
	cli = append(cli, seal13(ck, 0, 23, []byte("client says hi"))...)
	cli = append(cli, seal13(ck, 1, 21, []byte{1, 0})...) // close_notify

	srv = record(22, hs(hsServerHello, sh))
	ee := hs(hsEncryptedExtensions, vec16(ext(extALPN, vec16([]byte("\x08http/1.1")))))
	srv = append(srv, seal13(mk(shs), 0, 22, append(ee, hs(hsFinished, make([]byte, size))...))...)
	sk := mk(sts)
	srv = append(srv, seal13(sk, 0, 23, []byte("hello before the update; "))...)
	srv = append(srv, seal13(sk, 1, 22, hs(hsKeyUpdate, []byte{0}))...)
	sk2, err := sk.next()
	if err != nil {
		t.Fatal(err)
	}
	srv = append(srv, seal13(sk2, 0, 23, []byte("hello after the update"))...)
	r := hex.EncodeToString(crand)
	log = fmt.Sprintf("# a comment\nCLIENT_HANDSHAKE_TRAFFIC_SECRET %s %x\nSERVER_HANDSHAKE_TRAFFIC_SECRET %s %x\n"+
		"CLIENT_TRAFFIC_SECRET_0 %s %x\nSERVER_TRAFFIC_SECRET_0 %s %x\nEXPORTER_SECRET %s %x\n",
		r, chs, r, shs, r, cts, r, sts, r, secret(5))
	return cli, srv, log
}

// TestKeyUpdate decrypts a TLS 1.3 conversation fed in pieces of every size,
// across a KeyUpdate (RFC 8446 section 4.6.3), under each suite.
func TestKeyUpdate(t *testing.T) {
	for _, id := range []uint16{0x1301, 0x1302, 0x1303} {
		cli, srv, log := conv13(t, id)
		kl, errs := tlsdec.ParseKeyLog([]byte(log))
		if len(errs) != 0 || kl.Len() != 1 {
			t.Fatalf("key log: %v, %d sessions", errs, kl.Len())
		}
		for _, piece := range []int{1, 2, 5, 7, 100, 1 << 20} {
			var s sink
			c := tlsdec.NewConn(kl, TLS, &s)
			n := 5 + int(cli[3])<<8 | int(cli[4]) // the ClientHello comes first
			c.Write(0, cli[:n])
			cli := cli[n:]
			for i := 0; i < max(len(cli), len(srv)); i += piece {
				// the server's first: the client's Finished follows the ServerHello
				if i < len(srv) {
					c.Write(1, srv[i:min(i+piece, len(srv))])
				}
				if i < len(cli) {
					c.Write(0, cli[i:min(i+piece, len(cli))])
				}
			}
			name := fmt.Sprintf("%s/pieces of %d", tlsdec.SuiteName(id), piece)
			if len(s.errs) > 0 {
				t.Errorf("%s: %v", name, s.errs[0])
			}
			if got := s.plain[0].String(); got != "client says hi" {
				t.Errorf("%s: client plaintext %q", name, got)
			}
			if got := s.plain[1].String(); got != "hello before the update; hello after the update" {
				t.Errorf("%s: server plaintext %q", name, got)
			}
			if fmt.Sprint(s.recs) != "[[4] [3 5]]" {
				t.Errorf("%s: records %v", name, s.recs)
			}
			in := c.Info
			if in.SNI != "example.test" || in.ALPN != "http/1.1" || in.Version != tlsdec.VersionTLS13 || in.Suite != id || !in.Keys || in.Decrypted != 7 {
				t.Errorf("%s: info %+v", name, in)
			}
		}
	}
}

// TestTamper: a flipped bit in any encrypted record stops its direction
// with an error naming that record; nothing after it is handed on.
func TestTamper(t *testing.T) {
	cli, srv, log := conv13(t, 0x1301)
	kl, _ := tlsdec.ParseKeyLog([]byte(log))
	start := 5 + int(srv[3])<<8 | int(srv[4]) // past the ServerHello
	hello := 5 + int(cli[3])<<8 | int(cli[4])
	for i := start; i < len(srv); i += 3 {
		bad := append([]byte(nil), srv...)
		bad[i] ^= 0x40
		var s sink
		c := tlsdec.NewConn(kl, TLS, &s)
		c.Write(0, cli[:hello])
		c.Write(1, bad)
		c.Write(0, cli[hello:])
		c.End(0)
		c.End(1)
		if s.plain[1].Len() > 0 && !strings.HasPrefix("hello before the update; hello after the update", s.plain[1].String()) {
			t.Fatalf("byte %d flipped: garbage handed on: %q", i, s.plain[1].String())
		}
		if len(s.errs) == 0 && s.plain[1].String() != "hello before the update; hello after the update" {
			t.Errorf("byte %d flipped: no error and plaintext %q", i, s.plain[1].String())
		}
	}
}
