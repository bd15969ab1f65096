package tlsdec

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/wsframe/wsframe/internal/msg"
)

// Secrets are the keys a key log holds for one session, named by its
// ClientHello random.
type Secrets struct {
	// Master is the TLS 1.2 master secret (CLIENT_RANDOM), 48 bytes.
	Master []byte
	// The TLS 1.3 traffic secrets (RFC 8446 section 7.1).
	ClientHandshake, ServerHandshake []byte
	ClientTraffic, ServerTraffic     []byte
}

// KeyLog maps ClientHello randoms to their sessions' secrets.
type KeyLog struct {
	m map[[32]byte]*Secrets
}

// LineError is a key log line that could not be read.
type LineError struct {
	Line   int    // 1-based
	Column int    // 1-based, of the field at fault
	Msg    string // what is wrong
	// Text is Msg as a sentence with an id (internal/msg).
	Text msg.Text
}

// lineErr is the error t at line n, column col.
func lineErr(n, col int, t msg.Text) LineError {
	return LineError{Line: n, Column: col, Msg: t.Message, Text: t}
}

func (e LineError) Error() string {
	return fmt.Sprintf("key log line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// maxLineErrors is how many bad lines are reported one by one.
const maxLineErrors = 20

// Len returns the number of sessions with at least one secret.
func (k *KeyLog) Len() int {
	if k == nil {
		return 0
	}
	return len(k.m)
}

// Lookup returns the secrets of the session whose ClientHello random is
// random, or nil.
func (k *KeyLog) Lookup(random [32]byte) *Secrets {
	if k == nil {
		return nil
	}
	return k.m[random]
}

// Merge adds the secrets of o to k; secrets k already has are kept.
func (k *KeyLog) Merge(o *KeyLog) {
	if o == nil {
		return
	}
	if k.m == nil {
		k.m = make(map[[32]byte]*Secrets)
	}
	for r, s := range o.m {
		t := k.m[r]
		if t == nil {
			t = &Secrets{}
			k.m[r] = t
		}
		for i, p := range t.slots() {
			if *p == nil {
				*p = *s.slots()[i]
			}
		}
	}
}

func (s *Secrets) slots() [5]*[]byte {
	return [5]*[]byte{&s.Master, &s.ClientHandshake, &s.ServerHandshake, &s.ClientTraffic, &s.ServerTraffic}
}

// ParseKeyLog reads an NSS key log (one "LABEL client_random secret" a
// line, hex, "#" comments). Lines with a label it does not use are
// skipped; lines it cannot read are returned as errors (the first
// maxLineErrors of them, then one that counts the rest) and the others are
// kept. It takes time linear in len(b).
func ParseKeyLog(b []byte) (*KeyLog, []LineError) {
	k := &KeyLog{m: make(map[[32]byte]*Secrets)}
	var errs []LineError
	bad := 0
	report := func(e LineError) {
		bad++
		if bad <= maxLineErrors {
			errs = append(errs, e)
		}
	}
	for n := 1; len(b) > 0; n++ {
		var line []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			line, b = b, nil
		}
		line = bytes.TrimRight(line, "\r")
		if e, ok := k.line(line, n); !ok {
			report(e)
		}
	}
	if bad > maxLineErrors {
		errs = append(errs, lineErr(errs[len(errs)-1].Line, 1,
			msg.Plural("keylog.more", bad-maxLineErrors, "{n} more line could not be read", "{n} more lines could not be read")))
	}
	return k, errs
}

// line reads one line of a key log.
func (k *KeyLog) line(line []byte, n int) (LineError, bool) {
	trimmed := bytes.TrimLeft(line, " \t")
	if len(trimmed) == 0 || trimmed[0] == '#' {
		return LineError{}, true
	}
	col := len(line) - len(trimmed) + 1
	var f [3][]byte
	var fc [3]int
	nf := 0
	rest := trimmed
	for len(rest) > 0 {
		i := bytes.IndexAny(rest, " \t")
		var w []byte
		if i < 0 {
			w, rest = rest, nil
		} else {
			w, rest = rest[:i], rest[i:]
		}
		if nf == 3 {
			return lineErr(n, col, msg.New("keylog.fields3", "more than three fields; expected LABEL CLIENT_RANDOM SECRET")), false
		}
		f[nf], fc[nf] = w, col
		nf++
		col += len(w)
		t := bytes.TrimLeft(rest, " \t")
		col += len(rest) - len(t)
		rest = t
	}
	label := string(f[0])
	var slot func(*Secrets) *[]byte
	want := 0 // secret length, 0 for 32 or 48
	switch label {
	case "CLIENT_RANDOM":
		slot, want = func(s *Secrets) *[]byte { return &s.Master }, 48
	case "CLIENT_HANDSHAKE_TRAFFIC_SECRET":
		slot = func(s *Secrets) *[]byte { return &s.ClientHandshake }
	case "SERVER_HANDSHAKE_TRAFFIC_SECRET":
		slot = func(s *Secrets) *[]byte { return &s.ServerHandshake }
	case "CLIENT_TRAFFIC_SECRET_0":
		slot = func(s *Secrets) *[]byte { return &s.ClientTraffic }
	case "SERVER_TRAFFIC_SECRET_0":
		slot = func(s *Secrets) *[]byte { return &s.ServerTraffic }
	}
	if nf < 3 {
		if slot == nil && !isLabel(f[0]) {
			return lineErr(n, fc[0], msg.New("keylog.not-line", "{line} is not a key log line; expected LABEL CLIENT_RANDOM SECRET", "line", strconv.Quote(clip(trimmed)))), false
		}
		return lineErr(n, col, msg.New("keylog.nfields", "{label} has {n} field(s); expected LABEL CLIENT_RANDOM SECRET", "label", clip(f[0]), "n", nf)), false
	}
	if slot == nil {
		if !isLabel(f[0]) || len(f[1]) != 64 {
			return lineErr(n, fc[0], msg.New("keylog.not-line", "{line} is not a key log line; expected LABEL CLIENT_RANDOM SECRET", "line", strconv.Quote(clip(trimmed)))), false
		}
		return LineError{}, true // a label this package does not use
	}
	var random [32]byte
	if len(f[1]) != 64 {
		return lineErr(n, fc[1], msg.New("keylog.random-len", "the client random has {n} hex digits; expected 64", "n", len(f[1]))), false
	}
	if _, err := hex.Decode(random[:], f[1]); err != nil {
		return lineErr(n, fc[1], msg.New("keylog.random-hex", "the client random is not hex: {err}", "err", err.Error())), false
	}
	if len(f[2])%2 != 0 {
		return lineErr(n, fc[2], msg.New("keylog.odd", "the secret has an odd number of hex digits")), false
	}
	secret := make([]byte, len(f[2])/2)
	if _, err := hex.Decode(secret, f[2]); err != nil {
		return lineErr(n, fc[2], msg.New("keylog.secret-hex", "the secret is not hex: {err}", "err", err.Error())), false
	}
	if want != 0 && len(secret) != want || want == 0 && len(secret) != 32 && len(secret) != 48 {
		w := "32 or 48"
		if want != 0 {
			w = "48"
		}
		return lineErr(n, fc[2], msg.New("keylog.secret-len", "the {label} secret has {n} bytes; expected {want}", "label", label, "n", len(secret), "want", w)), false
	}
	s := k.m[random]
	if s == nil {
		s = &Secrets{}
		k.m[random] = s
	}
	*slot(s) = secret
	return LineError{}, true
}

// isLabel reports whether b reads as a key log label.
func isLabel(b []byte) bool {
	if len(b) == 0 || len(b) > 64 {
		return false
	}
	for _, c := range b {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// clip shortens text quoted in an error.
func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
