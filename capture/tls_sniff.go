//go:build js && !full

package capture

import "github.com/wsframe/wsframe/decoder"

// The page's first wasm (GOOS=js without the full build tag) decodes no
// capture at all, and must not link the cryptography: in it a connection
// whose first bytes are TLS (tlsdec.Sniff) would only be listed with
// SniffedTLS as its tls.error. Captures, key logs and pcapng Decryption
// Secrets Blocks are read by wsframe-full.wasm (built with -tags full, with
// tls.go), which the page's worker loads for them.

// SniffedTLS is the tls.error of a connection that a build without TLS
// support found to be TLS.
const SniffedTLS = "TLS: this build of the decoder does not read TLS (the page loads its TLS part for it)"

// tlsLayer marks a TLS connection.
type tlsLayer struct{ off [2]int64 }

func (l *tlsLayer) release() {}
func (l *tlsLayer) opened()  {}

func (r *run) keyLog()                                      {}
func (r *run) secretsBlock(data []byte, off int64, blk int) {}
func (r *run) finishTLS()                                   {}
func (r *run) tlsCounts() (sessions, matched int)           { return len(r.tlsConns), 0 }

// startTLS lists c as a TLS connection; nothing of it is decoded.
func (c *conn) startTLS() {
	c.tls = &tlsLayer{}
	cl := 1 // the lesser endpoint is taken as the server...
	if c.key.a.port > c.key.b.port {
		cl = 0 // ...unless its port is the higher one
	}
	conn := decoder.Connection{Client: c.key.endpoint(cl).String(), Server: c.key.endpoint(1 - cl).String(),
		TLS: &decoder.TLS{Error: SniffedTLS}}
	c.id = c.r.s.AddConnection(conn)
	c.state = stateTLS
	c.r.open = append(c.r.open, c)
}

func (c *conn) tlsData(h *half, p []byte, at decoder.Mark) {}
func (c *conn) tlsGap(h *half, n int64, at decoder.Mark)   {}
