package tlsdec

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/wsframe/wsframe/internal/msg"
)

// Record locates one TLS record in its direction's TCP byte stream. With
// the direction's keys for Epoch, the record decrypts on its own from its
// bytes at Offset and its sequence number Seq.
type Record struct {
	Number int    // 1-based, in its direction
	Offset int64  // of its 5-byte header in the direction's TCP stream
	Length int    // of its body on the wire
	Seq    uint64 // sequence number under the keys of its epoch
	Epoch  int    // 0 plaintext; TLS 1.3: 1 handshake keys, 2+n application keys after n key updates; TLS 1.2: 1
}

// Info is what a connection's handshake said.
type Info struct {
	Version      uint16 // negotiated; 0 until the ServerHello
	Suite        uint16 // negotiated; 0 until the ServerHello
	SNI          string // server name the client asked for
	ALPN         string // negotiated protocol, when known
	ALPNOffered  []string
	ClientRandom [32]byte
	ClientHello  bool // a ClientHello was read
	ServerHello  bool // a ServerHello was read
	// ExtendedMasterSecret and EncryptThenMAC are the TLS 1.2 extensions
	// of RFC 7627 and RFC 7366, as the ServerHello accepted them.
	ExtendedMasterSecret bool
	EncryptThenMAC       bool
	// Keys is true when the key log had secrets for this session.
	Keys bool
	// Decrypted counts the records decrypted and authenticated.
	Decrypted int
}

// Error is a problem on one direction of a connection. Decryption of that
// direction stops at it, unless Lost is true.
type Error struct {
	Dir    int   // the direction, as given to Write
	Record int   // 1-based record number in that direction, 0 if none
	Offset int64 // of the record (or the bytes at fault) in the direction's TCP stream
	Text   msg.Text
	// Lost is true for a record whose bytes were not all captured: it is
	// skipped and decryption goes on with the next one.
	Lost bool
}

func (e *Error) Error() string { return e.Text.Message }

// Handler receives what a Conn finds.
type Handler interface {
	// Plaintext takes decrypted application data of direction dir, from record r.
	Plaintext(dir int, p []byte, r Record)
	// LostPlaintext says that about n bytes of plaintext of direction dir
	// were in record r, which could not be decrypted (it was not captured whole).
	LostPlaintext(dir int, n int64, r Record)
	// Problem reports an error (see Error).
	Problem(e *Error)
}

// Limits on what one record may be (RFC 8446 section 5.2, RFC 5246 section 6.2.3).
const (
	maxRecord       = 1<<14 + 2048
	maxHandshakeMsg = 64 << 10 // larger messages (certificates) are skipped unread
	maxProbes       = 32       // handshake records tried under application keys
)

// Conn decrypts one TLS connection whose two directions are fed in order
// with Write. Direction numbers are the caller's (0 or 1); the one that
// sends the ClientHello is the client.
type Conn struct {
	Info   Info
	log    *KeyLog
	crypto Crypto // nil: does not decrypt
	h      Handler
	dir    [2]dirState
	client int // direction of the client, -1 until known
	srand  [32]byte
	s      *Suite
	sec    *Secrets
	// Stopped is set when the connection cannot be decrypted at all (no
	// keys, a capture begun after the handshake, an unknown suite): its
	// reason, said once.
	Stopped msg.Text
	// Scratch, when set, is a plaintext buffer shared by connections that
	// are fed one at a time (the plaintext handed to the Handler is only
	// valid during the call); otherwise each connection has its own.
	Scratch *[]byte
	own     []byte
}

// scratch returns the plaintext buffer.
func (c *Conn) scratch() *[]byte {
	if c.Scratch != nil {
		return c.Scratch
	}
	return &c.own
}

// Release drops what the connection holds and ignores what follows, for a
// connection its caller has given up on.
func (c *Conn) Release() {
	for d := range c.dir {
		ds := &c.dir[d]
		ds.dead, ds.buf, ds.hsBody, ds.k, ds.next = true, nil, nil, nil, nil
	}
	c.own, c.sec = nil, nil
}

// dirState is the record layer of one direction.
type dirState struct {
	buf   []byte // the start of a record not yet whole
	off   int64  // TCP stream offset of the next byte not yet consumed (of buf[0] when buf is not empty)
	n     int    // records begun
	seq   uint64
	epoch int
	k     Keys
	next  Keys // TLS 1.3: the keys after the Finished or a KeyUpdate in this record
	app   bool // TLS 1.3: application keys are in use
	probe bool // TLS 1.3: k are application keys tried on records whose handshake keys are missing
	dead  bool
	skip  int64 // bytes of a record cut by a gap still to skip

	hsHead [4]byte
	hsHave int    // bytes of hsHead
	hsBody []byte // body of an interesting message so far
	hsLen  int
	hsSkip int // bytes of an uninteresting message still to skip
}

// NewConn starts a connection decrypted by crypto with the secrets of log
// (which may be nil or empty), reporting to h. With a nil crypto (a
// program that does not decrypt) the connection is read up to its
// ServerHello, and one whose keys log has stops with NeedsDecrypter.
func NewConn(log *KeyLog, crypto Crypto, h Handler) *Conn {
	return &Conn{log: log, crypto: crypto, h: h, client: -1}
}

// NeedsDecrypter is why a connection without a Crypto stops when its key
// log has its keys.
func NeedsDecrypter() msg.Text {
	return msg.New("tls.stop.no-decrypter", "the key log has keys for this session; this build of the decoder does not decrypt (the page loads its TLS part for it)")
}

// Sniff tells whether the first bytes of a TCP direction are TLS: 1 when
// they begin a handshake record (a ClientHello or ServerHello, or a start
// too short to say), 2 when they read as application data or alert records
// (a capture begun after the handshake), 0 otherwise.
func Sniff(b []byte) int {
	if len(b) < 3 || b[1] != 3 || b[2] > 4 {
		return 0
	}
	switch b[0] {
	case 22:
		if len(b) >= 6 && b[5] != 1 && b[5] != 2 {
			return 0
		}
		return 1
	case 23, 21:
		if b[2] != 3 {
			return 0
		}
		if len(b) >= 5 {
			n := int(binary.BigEndian.Uint16(b[3:5]))
			if n == 0 || n > maxRecord {
				return 0
			}
			if rest := b[5:]; len(rest) > n+3 {
				// The next record must be there too.
				if rest[n] < 20 || rest[n] > 24 || rest[n+1] != 3 || rest[n+2] != 3 {
					return 0
				}
			}
		}
		return 2
	}
	return 0
}

// Offset returns the TCP stream offset of the next byte direction d expects.
func (c *Conn) Offset(d int) int64 { return c.dir[d].off + int64(len(c.dir[d].buf)) }

// Keys returns the keys direction d decrypts its records with now, or nil.
// During a Handler's Plaintext call they are those of its record, which
// decrypts again with them on its own (Record).
func (c *Conn) Keys(d int) Keys { return c.dir[d].k }

// Client returns the direction that sent the ClientHello, or -1.
func (c *Conn) Client() int { return c.client }

// Write takes the next bytes of direction d's TCP stream.
func (c *Conn) Write(d int, p []byte) {
	ds := &c.dir[d]
	if ds.skip > 0 {
		k := min(int64(len(p)), ds.skip)
		ds.skip -= k
		ds.off += k
		p = p[k:]
	}
	if ds.dead || len(p) == 0 {
		if ds.dead {
			ds.off += int64(len(p))
		}
		return
	}
	if len(ds.buf) > 0 {
		// Complete the held record first, copying only what it needs.
		need := 5
		if len(ds.buf) >= 5 {
			need = 5 + int(binary.BigEndian.Uint16(ds.buf[3:5]))
		}
		for len(ds.buf) < need && len(p) > 0 {
			k := min(need-len(ds.buf), len(p))
			ds.buf = append(ds.buf, p[:k]...)
			p = p[k:]
			if len(ds.buf) == 5 {
				if !c.header(d, ds.buf) {
					ds.off += int64(len(p))
					return
				}
				need = 5 + int(binary.BigEndian.Uint16(ds.buf[3:5]))
			}
		}
		if len(ds.buf) < need {
			return
		}
		c.record(d, ds.buf)
		ds.off += int64(len(ds.buf))
		ds.buf = ds.buf[:0]
	}
	for len(p) > 0 && !ds.dead {
		if len(p) < 5 {
			ds.buf = append(ds.buf, p...)
			return
		}
		if !c.header(d, p) {
			ds.off += int64(len(p))
			return
		}
		n := 5 + int(binary.BigEndian.Uint16(p[3:5]))
		if len(p) < n {
			ds.buf = append(ds.buf, p...)
			return
		}
		c.record(d, p[:n])
		ds.off += int64(n)
		p = p[n:]
	}
	if ds.dead {
		ds.off += int64(len(p))
	}
}

// End tells that direction d has no more bytes: a record still incomplete
// is reported.
func (c *Conn) End(d int) {
	ds := &c.dir[d]
	if ds.dead || len(ds.buf) == 0 {
		return
	}
	why := msg.New("tls.lost.end-header", "the capture ends inside record {record} at TCP stream offset {offset}: {got} of its header's 5 bytes are there", "record", ds.n+1, "offset", ds.off, "got", len(ds.buf))
	if len(ds.buf) >= 5 {
		why = msg.New("tls.lost.end", "the capture ends inside record {record} at TCP stream offset {offset}: {got} of its {total} bytes are there", "record", ds.n+1, "offset", ds.off, "got", len(ds.buf), "total", 5+int(binary.BigEndian.Uint16(ds.buf[3:5])))
	}
	c.h.Problem(&Error{Dir: d, Record: ds.n + 1, Offset: ds.off, Text: why, Lost: true})
	ds.buf = nil
}

// header checks a record header (RFC 8446 section 5.1).
func (c *Conn) header(d int, h []byte) bool {
	n := binary.BigEndian.Uint16(h[3:5])
	if h[0] < 20 || h[0] > 24 || h[1] != 3 || n > maxRecord {
		c.fail(d, c.dir[d].n+1, msg.New("tls.fail.header", "the bytes at TCP stream offset {offset} ({bytes}) are not a TLS record header: decryption stops here", "offset", c.dir[d].off, "bytes", fmt.Sprintf("% x", h[:5])))
		return false
	}
	return true
}

// Gap tells that n bytes of direction d were never captured.
func (c *Conn) Gap(d int, n int64) {
	ds := &c.dir[d]
	if ds.dead || n <= 0 {
		ds.off += n
		return
	}
	if ds.skip > 0 {
		k := min(n, ds.skip)
		ds.skip -= k
		ds.off += k
		n -= k
		if n == 0 {
			return
		}
	}
	if len(ds.buf) >= 5 {
		total := 5 + int64(binary.BigEndian.Uint16(ds.buf[3:5]))
		left := total - int64(len(ds.buf))
		ds.n++
		r := Record{Number: ds.n, Offset: ds.off, Length: int(total - 5), Seq: ds.seq, Epoch: ds.epoch}
		p := msg.Params{"record": r.Number, "offset": r.Offset, "lost": min(n, left), "total": total}
		if n <= left {
			if ds.buf[0] == 23 && ds.k != nil {
				c.h.LostPlaintext(d, plainEstimate(c.s, r.Length), r)
			}
			c.h.Problem(&Error{Dir: d, Record: r.Number, Offset: r.Offset, Lost: true,
				Text: msg.New("tls.lost.record", "record {record} at TCP stream offset {offset}: {lost} of its {total} bytes were not captured (cut by the snapshot length, or lost); it cannot be decrypted", p)})
			ds.seq++
			ds.off += int64(len(ds.buf)) + n
			ds.skip = left - n
			ds.buf = ds.buf[:0]
			return
		}
		c.fail(d, r.Number, msg.New("tls.fail.lost-record", "record {record} at TCP stream offset {offset}: {lost} of its {total} bytes were not captured (cut by the snapshot length, or lost); it cannot be decrypted; the bytes after it were not captured either, so the next record cannot be found", p))
		ds.off += int64(len(ds.buf)) + n
		ds.buf = ds.buf[:0]
		return
	}
	c.fail(d, ds.n+1, msg.New("tls.fail.gap", "{lost} bytes at TCP stream offset {offset} were not captured: the next record cannot be found, decryption stops here", "lost", n, "offset", ds.off+int64(len(ds.buf))))
	ds.off += int64(len(ds.buf)) + n
	ds.buf = ds.buf[:0]
}

// plainEstimate is the plaintext a record of n bytes under suite s
// carries at most.
func plainEstimate(s *Suite, n int) int64 {
	switch {
	case s.TLS13:
		n -= 17
	case s.Kind == KindGCM:
		n -= 24
	case s.Kind == KindChaCha:
		n -= 16
	default:
		n -= 16 + s.MACLen + 1
	}
	return int64(max(n, 0))
}

// fail stops direction d with an error.
func (c *Conn) fail(d, rec int, why msg.Text) {
	ds := &c.dir[d]
	ds.dead = true
	ds.buf = nil
	c.h.Problem(&Error{Dir: d, Record: rec, Offset: ds.off, Text: why})
}

// stop gives up on the whole connection, saying why once.
func (c *Conn) stop(why msg.Text) {
	if c.Stopped.ID == "" {
		c.Stopped = why
	}
	for d := range c.dir {
		c.dir[d].dead = true
		c.dir[d].buf = nil
	}
}

// record handles one whole record, header included.
func (c *Conn) record(d int, rec []byte) {
	ds := &c.dir[d]
	ds.n++
	r := Record{Number: ds.n, Offset: ds.off, Length: len(rec) - 5, Seq: ds.seq, Epoch: ds.epoch}
	typ, body := rec[0], rec[5:]
	if ds.k == nil || typ == 20 {
		// (Without a Crypto ds.k stays nil: the connection stops at its
		// ServerHello.)
		c.plainRecord(d, typ, body, r)
		return
	}
	if c.Info.Version == VersionTLS13 && typ != 23 {
		c.fail(d, r.Number, msg.New("tls.fail.type13", "record {record} at TCP stream offset {offset}: a TLS 1.3 record of type {type} after the keys changed; expected application_data (23)", "record", r.Number, "offset", r.Offset, "type", int(typ)))
		return
	}
	scratch := c.scratch()
	if cap(*scratch) < len(body) {
		*scratch = make([]byte, max(len(body), maxRecord))
	}
	buf := *scratch
	if ds.probe {
		// Without handshake secrets (a key log cut short) the handshake
		// records cannot be read; the first record that opens under the
		// application keys (sequence number 0) ends them.
		if _, _, err := ds.k.Open(buf, 0, rec[:5], body); err != nil {
			if ds.seq++; ds.seq > maxProbes {
				c.fail(d, r.Number, msg.New("tls.fail.probe", "no record up to {record} at TCP stream offset {offset} opens under the key log's {label}, and the log has no {missing}: the key is wrong or the log is cut short", "record", r.Number, "offset", r.Offset, "label", c.label(d, false), "missing", c.label(d, true)))
			}
			return
		}
		ds.probe, ds.app, ds.seq, ds.epoch = false, true, 0, 2
		r.Seq, r.Epoch = 0, 2
	}
	ityp, plain, err := ds.k.Open(buf, ds.seq, rec[:5], body)
	if err != nil {
		if err == ErrAuth {
			c.fail(d, r.Number, msg.New("tls.fail.auth", "record {record} at TCP stream offset {offset} does not decrypt: authentication failed; the key log's key for this session is wrong, or the record was altered", "record", r.Number, "offset", r.Offset))
		} else {
			c.fail(d, r.Number, msg.New("tls.fail.open", "record {record} at TCP stream offset {offset} does not decrypt: {err}", "record", r.Number, "offset", r.Offset, "err", err.Error()))
		}
		return
	}
	c.Info.Decrypted++
	ds.seq++
	switch ityp {
	case 23:
		if len(plain) > 0 {
			c.h.Plaintext(d, plain, r)
		}
	case 22:
		c.handshake(d, plain, r)
	case 21:
		// alerts: close_notify and the like; nothing to decode
	}
	if ds.next != nil {
		ds.k, ds.next, ds.seq = ds.next, nil, 0
		ds.epoch++
		if ds.epoch < 2 {
			ds.epoch = 2
		}
		ds.app = true
	}
}

// plainRecord handles a record sent before the keys changed.
func (c *Conn) plainRecord(d int, typ byte, body []byte, r Record) {
	ds := &c.dir[d]
	switch typ {
	case 22:
		c.handshake(d, body, r)
	case 20: // change_cipher_spec
		if c.crypto != nil && c.Info.Version == VersionTLS12 && c.Info.ServerHello && ds.k == nil {
			if k := c.keys12(d); k != nil {
				ds.k, ds.seq, ds.epoch = k, 0, 1
			}
		}
	case 23:
		switch {
		case !c.Info.ClientHello:
			c.stop(msg.New("tls.stop.after-handshake", "the capture starts after the TLS handshake: without the ClientHello this session's keys cannot be found"))
		case !c.Info.ServerHello:
			// early data, or a ServerHello not captured
			c.stop(msg.New("tls.stop.early-data", "application data before the ServerHello (0-RTT early data, or a ServerHello that was not captured) cannot be decrypted"))
		}
	}
}

// handshake feeds handshake bytes of direction d through its message framing.
func (c *Conn) handshake(d int, p []byte, r Record) {
	ds := &c.dir[d]
	for len(p) > 0 && !ds.dead {
		if ds.hsSkip > 0 {
			k := min(ds.hsSkip, len(p))
			ds.hsSkip -= k
			p = p[k:]
			continue
		}
		if ds.hsHave < 4 {
			k := copy(ds.hsHead[ds.hsHave:], p)
			ds.hsHave += k
			p = p[k:]
			if ds.hsHave < 4 {
				return
			}
			ds.hsLen = int(ds.hsHead[1])<<16 | int(ds.hsHead[2])<<8 | int(ds.hsHead[3])
			ds.hsBody = ds.hsBody[:0]
			if !interesting(ds.hsHead[0]) || ds.hsLen > maxHandshakeMsg {
				ds.hsSkip, ds.hsHave = ds.hsLen, 0
				continue
			}
		}
		k := min(ds.hsLen-len(ds.hsBody), len(p))
		ds.hsBody = append(ds.hsBody, p[:k]...)
		p = p[k:]
		if len(ds.hsBody) == ds.hsLen {
			ds.hsHave = 0
			c.message(d, ds.hsHead[0], ds.hsBody, r)
			if cap(ds.hsBody) > 4<<10 {
				ds.hsBody = nil // a large ClientHello's buffer is not kept
			}
		}
	}
}

// Handshake message types (RFC 8446 section 4).
const (
	hsClientHello         = 1
	hsServerHello         = 2
	hsEncryptedExtensions = 8
	hsFinished            = 20
	hsKeyUpdate           = 24
)

func interesting(t byte) bool {
	switch t {
	case hsClientHello, hsServerHello, hsEncryptedExtensions, hsFinished, hsKeyUpdate:
		return true
	}
	return false
}

// helloRetry is the ServerHello random of a HelloRetryRequest (RFC 8446 section 4.1.3).
var helloRetry = [32]byte{
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
}

// message handles one whole handshake message.
func (c *Conn) message(d int, typ byte, b []byte, r Record) {
	switch typ {
	case hsClientHello:
		if c.Info.ClientHello {
			return // the second ClientHello after a HelloRetryRequest keeps the random
		}
		h, why := readHello(b, true)
		if why != "" {
			c.fail(d, r.Number, msg.New("tls.fail.client-hello.field", "record {record} at TCP stream offset {offset}: the ClientHello cannot be read: its {field} run past the end of the {n}-byte message",
				"record", r.Number, "offset", r.Offset, "field", why, "n", len(b)))
			return
		}
		c.client = d
		c.Info.ClientHello = true
		c.Info.ClientRandom = h.random
		c.Info.SNI = h.sni
		c.Info.ALPNOffered = h.alpn
		c.Info.Version = h.version
	case hsServerHello:
		h, why := readHello(b, false)
		if why != "" {
			c.fail(d, r.Number, msg.New("tls.fail.server-hello.field", "record {record} at TCP stream offset {offset}: the ServerHello cannot be read: its {field} run past the end of the {n}-byte message",
				"record", r.Number, "offset", r.Offset, "field", why, "n", len(b)))
			return
		}
		if h.random == helloRetry {
			return
		}
		if c.client < 0 {
			c.client = 1 - d
		}
		c.Info.ServerHello = true
		c.srand = h.random
		c.Info.Version, c.Info.Suite = h.version, h.suite
		c.Info.ExtendedMasterSecret, c.Info.EncryptThenMAC = h.ems, h.etm
		if len(h.alpn) > 0 {
			c.Info.ALPN = h.alpn[0]
		}
		c.serverHello()
	case hsEncryptedExtensions, hsFinished, hsKeyUpdate:
		if c.crypto != nil {
			c.encryptedMessage(d, typ, b, r)
		}
	}
}

// encryptedMessage handles a handshake message that comes encrypted.
func (c *Conn) encryptedMessage(d int, typ byte, b []byte, r Record) {
	ds := &c.dir[d]
	switch typ {
	case hsEncryptedExtensions:
		if alpn := readEEALPN(b); alpn != "" {
			c.Info.ALPN = alpn
		}
	case hsFinished:
		if c.Info.Version == VersionTLS13 && !ds.app {
			ds.next = c.appKeys(d)
			if ds.next == nil {
				c.fail(d, r.Number, msg.New("tls.fail.no-app-secret", "the key log has no {label} for this session: its application data cannot be decrypted", "label", c.label(d, false)))
			}
		}
	case hsKeyUpdate:
		if c.Info.Version == VersionTLS13 && ds.app && ds.k != nil {
			k, err := ds.k.Next()
			if err != nil {
				c.fail(d, r.Number, msg.New("tls.fail.key-update", "key update: {err}", "err", err.Error()))
				return
			}
			ds.next = k
		}
	}
}

// label names the key log line direction d needs.
func (c *Conn) label(d int, hs bool) string {
	who := "SERVER"
	if d == c.client {
		who = "CLIENT"
	}
	if hs {
		return who + "_HANDSHAKE_TRAFFIC_SECRET"
	}
	return who + "_TRAFFIC_SECRET_0"
}

// serverHello finds the session's keys once the version and suite are known.
func (c *Conn) serverHello() {
	v := c.Info.Version
	if v != VersionTLS12 && v != VersionTLS13 {
		c.stop(msg.New("tls.stop.version", "{version} is not decrypted; only TLS 1.2 and TLS 1.3 are", "version", VersionName(v)))
		return
	}
	c.s = FindSuite(c.Info.Suite)
	if c.s == nil || c.s.TLS13 != (v == VersionTLS13) {
		c.stop(msg.New("tls.stop.suite", "cipher suite {suite} under {version} is not one this decoder decrypts", "suite", SuiteName(c.Info.Suite), "version", VersionName(v)))
		return
	}
	c.sec = c.log.Lookup(c.Info.ClientRandom)
	if c.sec == nil {
		if n := c.log.Len(); n > 0 {
			// Keys were given, for other sessions: the advice to give
			// them would say the opposite of what happened.
			r := c.Info.ClientRandom
			c.stop(msg.New("tls.stop.no-key.other", "no key for this session: the key log ({n} sessions) has none for this one (client random {random}…)",
				"n", n, "random", fmt.Sprintf("%x", r[:4])))
			return
		}
		c.stop(msg.New("tls.stop.no-key", "no key for this session: open the key log (SSLKEYLOGFILE) written when it was recorded"))
		return
	}
	if c.crypto == nil {
		c.Info.Keys = true
		c.stop(NeedsDecrypter())
		return
	}
	c.sessionKeys()
}

// sessionKeys sets up the keys of a session the key log has secrets for.
func (c *Conn) sessionKeys() {
	v := c.Info.Version
	if v == VersionTLS12 {
		if len(c.sec.Master) == 0 {
			c.stop(msg.New("tls.stop.no-client-random", "no key for this session: the key log has no CLIENT_RANDOM line for it"))
			return
		}
		c.Info.Keys = true
		return
	}
	if c.sec.ClientTraffic == nil && c.sec.ServerTraffic == nil && c.sec.ClientHandshake == nil && c.sec.ServerHandshake == nil {
		c.stop(msg.New("tls.stop.tls12-line", "no key for this session: the key log has a TLS 1.2 CLIENT_RANDOM line for it, but it is TLS 1.3"))
		return
	}
	c.Info.Keys = true
	for d := range c.dir {
		ds := &c.dir[d]
		sec := c.sec.ServerHandshake
		if d == c.client {
			sec = c.sec.ClientHandshake
		}
		if sec == nil {
			// A key log without handshake secrets: handshake records are
			// skipped until one opens under the application keys.
			if k := c.appKeys(d); k != nil {
				ds.k, ds.epoch, ds.probe = k, 1, true
				continue
			}
			c.fail(d, 0, msg.New("tls.fail.no-secrets", "the key log has neither {hs} nor {label} for this session", "hs", c.label(d, true), "label", c.label(d, false)))
			continue
		}
		k, err := c.crypto.Keys13(c.s, sec)
		if err != nil {
			c.fail(d, 0, msg.New("tls.fail.hs-secret", "the key log's {label} for this session: {err}", "label", c.label(d, true), "err", err.Error()))
			continue
		}
		ds.k, ds.epoch = k, 1
	}
}

// appKeys returns the TLS 1.3 application keys of direction d, or nil.
func (c *Conn) appKeys(d int) Keys {
	sec := c.sec.ServerTraffic
	if d == c.client {
		sec = c.sec.ClientTraffic
	}
	if sec == nil {
		return nil
	}
	k, err := c.crypto.Keys13(c.s, sec)
	if err != nil {
		return nil
	}
	return k
}

// keys12 returns the TLS 1.2 keys of direction d.
func (c *Conn) keys12(d int) Keys {
	ks, err := c.crypto.Keys12(c.s, c.sec.Master, c.Info.ClientRandom[:], c.srand[:], c.Info.EncryptThenMAC)
	if err != nil {
		c.fail(d, 0, msg.New("tls.fail.key-expansion", "key expansion: {err}", "err", err.Error()))
		return nil
	}
	if d == c.client {
		return ks[0]
	}
	return ks[1]
}

// Summary says in a few words what the handshake said, for messages.
func (i *Info) Summary() string {
	var parts []string
	if v := VersionName(i.Version); v != "" {
		parts = append(parts, v)
	}
	if i.Suite != 0 {
		parts = append(parts, SuiteName(i.Suite))
	}
	return strings.Join(parts, ", ")
}
