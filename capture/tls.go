package capture

import (
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/tlsdec"
)

// The TLS layer (wss://): a connection whose first bytes are a TLS
// handshake, or TLS records, has its two directions carried through a
// tlsdec.Conn. What comes out decrypted goes to the same upgrade detection
// and frame decoding as the bytes of a plain connection (half.plain), with
// stream offsets counted in plaintext bytes; each frame keeps the record
// that completed it (decoder.Mark.Record).
//
// With an index, the plaintext is not copied into it: per record a fixed
// record says where its ciphertext is, and the index decrypts it again
// when it reads the bytes again (tls_reread.go).

// release drops what the TLS layer holds, for a connection given up on.
func (l *tlsLayer) release() {
	l.t.Release()
	l.rr = [2]*tlsReread{}
}

// tlsLayer is the TLS state of one connection.
type tlsLayer struct {
	c       *conn
	t       *tlsdec.Conn
	mark    [2]decoder.Mark // of the TCP bytes being written, per direction
	off     [2]int64        // plaintext offset per direction
	info    *decoder.TLS    // in the result once the connection is listed
	listed  bool
	errors  int
	pending []decoder.TLSProblem // problems seen before the connection was listed
	rr      [2]*tlsReread        // with an index: what reads the plaintext again, per direction
}

// maxTLSProblems bounds the problems listed per connection.
const maxTLSProblems = 10

// keyLog reads the key log given with the capture, reporting bad lines.
func (r *run) keyLog() {
	if len(r.opts.KeyLog) == 0 {
		return
	}
	k, errs := tlsdec.ParseKeyLog(r.opts.KeyLog)
	for _, e := range errs {
		r.s.AddError(decoder.Error{Source: "keylog", Line: e.Line, Column: e.Column, Message: e.Msg, ID: e.Text.ID, Params: e.Text.Params})
	}
	if r.keys == nil {
		r.keys = &tlsdec.KeyLog{}
	}
	r.keys.Merge(k)
	if k.Len() == 0 && len(errs) == 0 {
		r.s.Say(0, msg.New("capture.keylog-empty", "the key log has no TLS secrets (no CLIENT_RANDOM or *_TRAFFIC_SECRET lines)"))
	}
}

// secretsBlock reads the NSS key log in a pcapng Decryption Secrets Block.
func (r *run) secretsBlock(data []byte, off int64, blk int) {
	k, errs := tlsdec.ParseKeyLog(data)
	for _, e := range errs {
		r.s.Say(off, msg.New("capture.dsb", "block {block} at byte {offset} (decryption secrets): {err}", "block", blk, "offset", off, "err", e.Error()))
	}
	if r.dsb == nil {
		r.dsb = &tlsdec.KeyLog{}
	}
	r.dsb.Merge(k)
	if r.keys == nil {
		r.keys = &tlsdec.KeyLog{}
	}
	r.keys.Merge(k)
}

// startTLS puts a TLS layer under c.
func (c *conn) startTLS() {
	c.tls = &tlsLayer{c: c}
	c.tls.t = tlsdec.NewConn(c.r.keys, c.r.opts.Decrypt, c.tls)
	c.tls.t.Scratch = &c.r.tlsScratch
	if ix := c.r.opts.Index; ix != nil {
		for d := range c.tls.rr {
			c.tls.rr[d] = &tlsReread{ix: ix, shared: &c.r.reread}
		}
	}
	c.r.tlsConns = append(c.r.tlsConns, c)
}

// tlsData takes TCP bytes of half h of a TLS connection.
func (c *conn) tlsData(h *half, p []byte, at decoder.Mark) {
	l := c.tls
	l.mark[h.d] = at
	if rr := l.rr[h.d]; rr != nil {
		rr.data(len(p), at.Src)
	}
	l.t.Write(h.d, p)
	l.check()
}

// tlsGap takes bytes of half h of a TLS connection that were not captured.
func (c *conn) tlsGap(h *half, n int64, at decoder.Mark) {
	l := c.tls
	l.mark[h.d] = at
	if rr := l.rr[h.d]; rr != nil {
		rr.gap(n)
	}
	l.t.Gap(h.d, n)
	l.check()
}

// check lists the connection once the TLS layer has given up on it.
func (l *tlsLayer) check() {
	if l.t.Stopped.ID != "" && !l.listed && l.c.state != stateOpen {
		l.list()
	}
}

// Plaintext implements tlsdec.Handler.
func (l *tlsLayer) Plaintext(d int, p []byte, rec tlsdec.Record) {
	h := &l.c.half[d]
	at := l.mark[d]
	at.Record = rec.Number
	at.Src = -1 // decrypted: not in the file as it is (an index keeps a copy)
	if rr := l.rr[d]; rr != nil && rr.add(rec, l.off[d], l.t.Keys(d)) {
		at.Src = decoder.SrcReread // the index decrypts the record again
	}
	if l.c.state != stateIgnored && l.c.state != stateTLS {
		h.plain(p, at)
	}
	l.off[d] += int64(len(p))
}

// LostPlaintext implements tlsdec.Handler.
func (l *tlsLayer) LostPlaintext(d int, n int64, rec tlsdec.Record) {
	h := &l.c.half[d]
	at := l.mark[d]
	at.Record = rec.Number
	at.Src = -1
	if l.c.state != stateIgnored && l.c.state != stateTLS {
		h.plainGap(n, at)
	}
	l.off[d] += n
}

// Problem implements tlsdec.Handler.
// A record lost before the connection is known to carry WebSocket is kept
// as a problem without listing it: the bytes after it may still show the
// upgrade. Any other problem lists the connection.
func (l *tlsLayer) Problem(e *tlsdec.Error) {
	if !e.Lost && !l.listed && l.c.state != stateOpen {
		l.list()
	}
	l.errors++
	if l.errors > maxTLSProblems {
		return
	}
	p := decoder.TLSProblem{From: l.side(e.Dir), Record: e.Record, Offset: e.Offset, Packet: l.mark[e.Dir].Packet,
		Message: e.Text.Message, ID: e.Text.ID, Params: e.Text.Params}
	info := l.info
	if info == nil {
		l.pending = append(l.pending, p)
		return
	}
	if !e.Lost && info.Error == "" {
		info.SetError(e.Text)
	}
	info.Problems = append(info.Problems, p)
}

// side says who sent direction d.
func (l *tlsLayer) side(d int) decoder.Side {
	if cl := l.client(); d == cl {
		return decoder.Client
	}
	return decoder.Server
}

// client returns the client's direction: the sender of the ClientHello,
// or, when it was not captured, the end with the higher port.
func (l *tlsLayer) client() int {
	if cl := l.t.Client(); cl >= 0 {
		return cl
	}
	if l.c.key.a.port > l.c.key.b.port {
		return 0
	}
	return 1
}

// list adds a TLS connection that is not (yet) known to carry WebSocket
// to the result, so that it is seen: without keys, with a wrong key, or
// begun before the capture.
func (l *tlsLayer) list() {
	c := l.c
	l.listed = true
	cl := l.client()
	conn := decoder.Connection{Client: c.key.endpoint(cl).String(), Server: c.key.endpoint(1 - cl).String()}
	c.id = c.r.s.AddConnection(conn)
	c.state = stateTLS
	c.r.open = append(c.r.open, c)
	l.info = &decoder.TLS{Problems: l.pending}
	c.r.s.Connection(c.id).TLS = l.info
	l.pending = nil
	l.update()
	l.t.Release() // nothing more is decoded from it; its packets are only counted
}

// attach gives the stream of direction d what reads its plaintext again,
// and reports whether all of the direction's plaintext so far can be.
func (l *tlsLayer) attach(d int, st *decoder.Stream) bool {
	rr := l.rr[d]
	if rr == nil {
		return false
	}
	st.SetRereader(rr)
	return !rr.missed
}

// opened gives the connection, found to carry WebSocket, its TLS fields.
func (l *tlsLayer) opened() {
	l.listed = true
	l.info = &decoder.TLS{Problems: l.pending}
	l.c.r.s.Connection(l.c.id).TLS = l.info
	l.pending = nil
	l.update()
}

// update copies what the TLS layer knows into the result.
func (l *tlsLayer) update() {
	if l.info == nil {
		return
	}
	in := &l.t.Info
	t := l.info
	t.Version = tlsdec.VersionName(in.Version)
	if in.Suite != 0 {
		t.CipherSuite = tlsdec.SuiteName(in.Suite)
	}
	t.SNI, t.ALPN, t.ALPNOffered = in.SNI, in.ALPN, in.ALPNOffered
	t.ExtendedMasterSecret, t.EncryptThenMAC = in.ExtendedMasterSecret, in.EncryptThenMAC
	t.Records, t.Decrypted = in.Decrypted, in.Decrypted > 0
	if in.Keys {
		t.Keys = "keylog"
		if l.c.r.dsb.Lookup(in.ClientRandom) != nil {
			t.Keys = "pcapng"
		}
	}
	if l.t.Stopped.ID != "" && t.Error == "" {
		t.SetError(l.t.Stopped)
	}
}

// tlsCounts counts the TLS connections, and those the keys given had
// secrets for.
func (r *run) tlsCounts() (sessions, matched int) {
	for _, c := range r.tlsConns {
		sessions++
		if c.tls.t.Info.Keys {
			matched++
		}
	}
	return sessions, matched
}

// finishTLS lists the TLS connections that were neither listed nor found
// to carry WebSocket (the capture ended during the handshake, or before
// any plaintext could be read), and brings every listed one up to date.
func (r *run) finishTLS() {
	for _, c := range r.tlsConns {
		l := c.tls
		if c.state != stateIgnored {
			for d := range c.half {
				c.half[d].r.flush() // held segments first, with their gaps
			}
			l.t.End(0)
			l.t.End(1)
		}
		switch {
		case l.listed:
			l.update()
		case c.state == stateDetect && l.t.Info.Decrypted == 0,
			c.state != stateIgnored && c.state != stateOpen && len(l.pending) > 0:
			l.list()
		}
		if t := l.info; t != nil && t.Error == "" && !l.t.Info.ServerHello {
			t.SetError(msg.New("capture.tls.no-server-hello", "the TLS handshake was not captured whole: no ServerHello"))
		}
		if t := l.info; t != nil && !l.t.Info.Keys && l.t.Info.ServerHello && r.dsb.Lookup(l.t.Info.ClientRandom) != nil {
			// The secrets came, but after the handshake they were needed
			// for: the capture is read once, in order.
			t.SetError(msg.New("capture.tls.dsb-late", "no key for this session when its handshake was read: the capture's Decryption Secrets Block with its key comes after it; move the block before the packets ({fix} does), or give the key log with the capture",
				"fix", "editcap --inject-secrets tls,keys.txt"))
		}
	}
}
