package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
	"github.com/wsframe/wsframe/internal/words"
)

// writeView prints connections, then each frame with its diagram and unmask
// steps, then the messages. It writes as it goes: a capture's frames are
// read one at a time.
func writeView(w io.Writer, l *lists, c config, pal palette) {
	r := l.Result()
	var b strings.Builder
	flush := func(force bool) {
		if force || b.Len() > 64<<10 {
			io.WriteString(w, b.String())
			b.Reset()
		}
	}
	nf, nm := l.Frames(), l.Messages()
	// -conn N: the frames and messages on that connection.
	var onConn, msgOnConn map[int]bool
	if c.conn >= 0 {
		onConn, msgOnConn = set(l.On("frames", c.conn)), set(l.On("messages", c.conn))
	}
	writeViewHead(&b, r, nf, nm, l.filterLine(c.filter), c, pal)
	list := c.list == "on" || c.list == "auto" && len(r.Connections) > 0 && c.frame < 0
	if list && nf > 0 {
		writeFramesHead(&b, pal)
	}
	for i := range nf {
		if c.frame >= 0 && i != c.frame || !l.keepFrame(i) {
			continue
		}
		if c.conn >= 0 && !onConn[i] {
			continue
		}
		if list {
			writeFrameLine(&b, l.frame(i, 0), pal)
			flush(false)
			continue
		}
		b.WriteByte('\n')
		writeFrame(&b, l, l.frame(i, -1), c, pal)
		flush(false)
	}
	if c.frame >= 0 && c.frame < nf {
		if f := l.frame(c.frame, 0); f.Message >= 0 {
			writeReading(&b, l.message(f.Message, detail.MaxMessage))
		}
	}
	if c.frame < 0 && nm > 0 {
		writeMessagesHead(&b, pal)
		for k := range nm {
			if !l.keepMessage(k) || c.conn >= 0 && !msgOnConn[k] {
				continue
			}
			m := l.message(k, summaryBytes)
			head, tail := messageLine(m)
			b.WriteString(head + fmt.Sprint(m.Frames) + tail)
			flush(false)
		}
	}
	flush(true)
}

// writeViewHead writes the view's lines before its frames: the input and
// its counts (nf frames, nm messages), the filter's line, the
// handshake, and the connections (only -conn's, with one).
func writeViewHead(b *strings.Builder, r *decoder.Result, nf, nm int, filterLine string, c config, pal palette) {
	fmt.Fprintf(b, "%s: %s, %s, %s\n", inputName(r.Input), words.Count(int(r.Input.Bytes), "byte"), words.Count(nf, "frame"), words.Count(nm, "message"))
	b.WriteString(filterLine)
	if r.Input.Note != "" {
		fmt.Fprintf(b, "%s\n", r.Input.Note)
	}
	if t := tlsLine(r.Input); t != "" {
		fmt.Fprintf(b, "%s\n", t)
	}
	if r.Handshake != nil {
		writeHandshake(b, r.Handshake, c.handshake, pal)
	}
	for _, cn := range r.Connections {
		if c.conn >= 0 && cn.ID != c.conn {
			continue
		}
		fmt.Fprintf(b, "\n%s %d: client %s ⇄ server %s, %s, %s%s\n",
			pal.bold("connection"), cn.ID, term(cn.Client), term(cn.Server), words.Count(cn.Frames, "frame"), words.Count(cn.Messages, "message"), midStream(cn))
		if cn.TLS != nil {
			writeTLS(b, cn.TLS, pal)
		}
		if cn.Handshake != nil {
			writeHandshake(b, cn.Handshake, c.handshake, pal)
		}
		for _, g := range cn.Gaps {
			fmt.Fprintf(b, "  gap: %d %s bytes never captured at stream offset %d\n", g.Bytes, g.From, g.Offset)
		}
		writeApp(b, cn.App, pal)
	}
}

// writeFramesHead writes the head of the list of frames.
func writeFramesHead(b *strings.Builder, pal palette) {
	fmt.Fprintf(b, "\n%s (wsframe -frame N shows one in full)\n", pal.bold("frames"))
	b.WriteString("      #  packet  time             conn  direction        opcode        length  flags\n")
}

// messageLine is message m's line in the list, but for its frame list,
// which goes between head and tail.
func messageLine(m *decoder.Message) (head, tail string) {
	return fmt.Sprintf("  #%d %s %s, frames ", m.Index, arrow(m.From), m.OpcodeName), ": " + messageSummary(m) + "\n"
}

// writeMessagesHead writes the head of the list of messages.
func writeMessagesHead(b *strings.Builder, pal palette) {
	fmt.Fprintf(b, "\n%s\n", pal.bold("messages"))
}

// writeTLS prints what is known of a connection's TLS layer (wss://). The
// server name and protocols come from the capture: they are quoted, so that
// no escape sequence in them reaches the terminal.
func writeTLS(b *strings.Builder, t *decoder.TLS, pal palette) {
	facts := []string{t.Version, t.CipherSuite}
	if t.SNI != "" {
		facts = append(facts, fmt.Sprintf("SNI %q", t.SNI))
	}
	switch {
	case t.ALPN != "":
		facts = append(facts, fmt.Sprintf("ALPN %q", t.ALPN))
	case len(t.ALPNOffered) > 0:
		facts = append(facts, fmt.Sprintf("ALPN offered %q", t.ALPNOffered))
	}
	if t.ExtendedMasterSecret {
		facts = append(facts, "extended master secret")
	}
	if t.EncryptThenMAC {
		facts = append(facts, "encrypt-then-MAC")
	}
	var nonEmpty []string
	for _, f := range facts {
		if f != "" {
			nonEmpty = append(nonEmpty, f)
		}
	}
	if len(nonEmpty) == 0 {
		nonEmpty = append(nonEmpty, "version and cipher suite unknown (no hello read)")
	}
	fmt.Fprintf(b, "  tls: %s\n", strings.Join(nonEmpty, ", "))
	if t.Decrypted {
		src := "the key log"
		if t.Keys == "pcapng" {
			src = "the capture's decryption secrets block"
		}
		fmt.Fprintf(b, "  tls: %s, keys from %s\n", pal.good(fmt.Sprintf("decrypted %s", words.Count(t.Records, "record"))), src)
	}
	if t.Error != "" {
		fmt.Fprintf(b, "  tls: %s\n", pal.bad(term(t.Error)))
	}
	for _, p := range t.Problems {
		if p.Message != t.Error {
			fmt.Fprintf(b, "  tls: %s, packet %d: %s\n", p.From, p.Packet, term(p.Message))
		}
	}
}

// summaryBytes is as much of a message's data as its summary line shows,
// with room to spare: no more is read of a message in a capture's list.
const summaryBytes = 256

// on reports whether connection id c is conn.
// set is the indexes of list as a set.
func set(list []int, _ error) map[int]bool {
	m := make(map[int]bool, len(list))
	for _, i := range list {
		m[i] = true
	}
	return m
}

func inputName(in decoder.Input) string {
	if in.Format != "" && in.Format != in.Kind {
		return in.Kind + " (" + in.Format + ")"
	}
	return in.Kind
}

func midStream(c decoder.Connection) string {
	if c.MidStream {
		return " (capture began after the handshake)"
	}
	return ""
}

// writeHandshake prints the opening handshake: the accept check in a
// line, then, with -handshake, every check of RFC 6455 section 4 and the
// accept computation as steps; failed checks and problems always.
func writeHandshake(b *strings.Builder, h *decoder.Handshake, full bool, pal palette) {
	passed := 0
	for _, c := range h.Checks {
		if c.Passed {
			passed++
		}
	}
	key, accept := term(h.Key), term(h.Accept)
	ok := pal.good("✓ valid")
	switch {
	case h.Key == "" && h.Accept == "":
		key, accept, ok = "(none)", "(none)", pal.bad("✗ neither header was sent: no Sec-WebSocket-Key, no Sec-WebSocket-Accept")
	case h.Key == "":
		key, ok = "(none)", pal.bad("✗ cannot be checked: the request has no Sec-WebSocket-Key")
	case h.Accept == "":
		accept, ok = "(none)", pal.bad("✗ the response has no Sec-WebSocket-Accept")
	case !h.AcceptValid:
		ok = pal.bad("✗ does not match the key")
	}
	fmt.Fprintf(b, "  handshake: key %s, accept %s %s; %d of %d checks passed\n", key, accept, ok, passed, len(h.Checks))
	for _, c := range h.Checks {
		if !c.Passed || full {
			mark := pal.good("✓")
			if !c.Passed {
				mark = pal.bad("✗")
			}
			fmt.Fprintf(b, "    %s %s (%s, RFC %s): %s\n", mark, c.ID, c.Side, c.RFC, term(c.Message))
		}
	}
	for _, p := range h.Problems {
		fmt.Fprintf(b, "    %s %s line %d: %s\n", pal.bad("✗"), p.Side, p.Line, term(p.Message))
	}
	if s := h.AcceptSteps; s != nil && full {
		fmt.Fprintf(b, "  accept, step by step (RFC 6455 4.2.2):\n")
		fmt.Fprintf(b, "    key + GUID   %s\n", term(s.Concatenated))
		fmt.Fprintf(b, "    SHA-1        %s\n", term(s.SHA1Hex))
		fmt.Fprintf(b, "    base64       %s\n", term(s.Base64))
		fmt.Fprintf(b, "    server sent  %s %s\n", term(s.Received), map[bool]string{true: pal.good("✓ equal"), false: pal.bad("✗ different")}[s.Match])
	}
	if h.Extensions != "" {
		fmt.Fprintf(b, "  extensions: %s\n", term(h.Extensions))
	}
	if e := h.Negotiated(); e != nil && e.Explanation != "" {
		fmt.Fprintf(b, "    %s\n", term(e.Explanation))
	}
	if h.Subprotocol != "" {
		fmt.Fprintf(b, "  subprotocol: %s\n", term(h.Subprotocol))
	}
}

func arrow(s decoder.Side) string {
	if s == decoder.Client {
		return "client → server"
	}
	return "server → client"
}

// writeFrame prints one frame: a title line, the bit diagram, the unmask
// steps and the violations.
func writeFrame(b *strings.Builder, l *lists, f *decoder.Frame, c config, pal palette) {
	flags := []string{f.OpcodeName}
	if f.Fin {
		flags = append(flags, "FIN")
	} else {
		flags = append(flags, "not FIN")
	}
	if f.Masked {
		flags = append(flags, "masked")
	}
	if f.Reconstructed {
		flags = append(flags, "reconstructed")
	}
	where := fmt.Sprintf("offset %d", f.Offset)
	if f.Packet > 0 {
		where = fmt.Sprintf("packet %d, %s, stream offset %d", f.Packet, f.Time.Time().Format("15:04:05.000000"), f.Offset)
	}
	conn := ""
	if f.Connection != nil {
		conn = fmt.Sprintf("connection %d, ", *f.Connection)
	}
	fmt.Fprintf(b, "%s %d  %s%s  %s  %s, %d bytes\n", pal.bold("frame"), f.Index, conn, arrow(f.From), where, strings.Join(flags, ", "), f.PayloadLength)
	var m *decoder.Message
	if f.Message >= 0 {
		m = l.message(f.Message, summaryBytes)
	}
	r := l.Result()
	src := &detail.Source{Frame: f, Message: m, Handshake: r.Handshake, Extension: c.extension}
	if f.Connection != nil && *f.Connection < len(r.Connections) {
		src.Connection = &r.Connections[*f.Connection]
		src.Handshake, src.Extension = src.Connection.Handshake, nil
	}
	writeDiagram(b, decoder.Fields(f, detail.Compressed(src)), f, pal)
	if f.Masked && c.steps != 0 {
		writeSteps(b, f, c.steps, pal)
	}
	if m != nil && len(m.Frames) == 1 && m.Frames[0] == f.Index {
		fmt.Fprintf(b, "payload: %s\n", messageSummary(m))
	}
	for _, v := range f.Violations {
		fmt.Fprintf(b, "%s %s (RFC %s, %s): %s\n", pal.bad("✗"), v.ID, v.RFC, v.Field, term(v.Message))
	}
}

// writeFrameLine prints one frame in a line, for the list of a capture.
func writeFrameLine(b *strings.Builder, f *decoder.Frame, pal palette) {
	when := ""
	if f.Time != nil {
		when = f.Time.Time().Format("15:04:05.000000")
	}
	var flags []string
	if f.Fin {
		flags = append(flags, "FIN")
	}
	if f.Rsv1 {
		flags = append(flags, "RSV1")
	}
	if f.Masked {
		flags = append(flags, "masked")
	}
	if f.Missing > 0 {
		flags = append(flags, fmt.Sprintf("%d bytes missing", f.Missing))
	}
	if f.Reconstructed {
		flags = append(flags, "reconstructed")
	}
	conn := "-"
	if f.Connection != nil {
		conn = fmt.Sprint(*f.Connection)
	}
	fmt.Fprintf(b, "  %5d  %6d  %-15s  %-4s  %-15s  %-12s %7d  %s", f.Index, f.Packet, when, conn, arrow(f.From), f.OpcodeName, f.PayloadLength, strings.Join(flags, " "))
	for _, v := range f.Violations {
		b.WriteString("  " + pal.bad("✗ "+v.ID))
	}
	b.WriteByte('\n')
}

// writeSteps prints the XOR of section 5.3 byte by byte.
func writeSteps(b *strings.Builder, f *decoder.Frame, limit int, pal palette) {
	if limit < 0 {
		limit = len(f.Payload)
	}
	steps := decoder.UnmaskSteps(f, 0, limit)
	b.WriteString("unmask: transformed[i] = masked[i] XOR key[i MOD 4]\n")
	b.WriteString("     i  masked       key              result       char\n")
	for _, s := range steps {
		fmt.Fprintf(b, "  %4d  %02x %08b  %s %02x %08b  %02x %08b  %s\n", s.I, s.Masked, s.Masked,
			pal.field("websocket.masking_key", fmt.Sprintf("[%d]", s.KeyIndex)), s.Key, s.Key, s.Result, s.Result, quoteChar(s.Char))
	}
	if len(steps) < len(f.Payload) {
		fmt.Fprintf(b, "  … %d more bytes (-steps -1 lists them all)\n", len(f.Payload)-len(steps))
	}
}

func quoteChar(c string) string {
	if c == "" {
		return "·"
	}
	return "'" + c + "'"
}

// messageSummary says what a message holds in one line.
func messageSummary(m *decoder.Message) string {
	var s string
	switch {
	case m.Opcode == decoder.OpClose && m.CloseCode == nil && len(m.Data) == 0:
		s = "no status code (an empty close)"
	case m.CloseCode != nil:
		s = fmt.Sprintf("%d %s", *m.CloseCode, term(m.CloseName))
		if m.CloseReason != nil && *m.CloseReason != "" {
			s += fmt.Sprintf(" %q", *m.CloseReason)
		}
	case m.Text != nil:
		s = fmt.Sprintf("%q", clip(*m.Text, 200))
	default:
		s = fmt.Sprintf("%d bytes: % x", m.Length, clipBytes(m.Data, 32))
		if len(m.Data) > 32 {
			s += " …"
		}
	}
	switch {
	case m.Compressed && m.Problem != "":
		s += " (compressed; not inflated)"
	case m.Compressed:
		s += fmt.Sprintf(" (inflated from %d bytes)", m.CompressedLength)
	}
	s += readingNote(m)
	if !m.Complete {
		s += " (incomplete)"
	}
	if m.Problem != "" {
		s += " [" + term(m.Problem) + "]"
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func clipBytes(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// stats counts what a decode holds, for -stats. As a decoder.Sink it
// counts frames and messages as they are decided, keeping none, so that a
// capture of any size is summed up in constant memory.
type stats struct {
	frames, messages int
	payload          uint64
	byOpcode         map[string]int
	byMessage        map[string]int
	violations       map[string]int
}

func newStats() *stats {
	return &stats{byOpcode: map[string]int{}, byMessage: map[string]int{}, violations: map[string]int{}}
}

// Frame counts one frame (decoder.Sink).
func (s *stats) Frame(f *decoder.Frame) {
	s.frames++
	s.byOpcode[f.OpcodeName]++
	// The payload bytes there are, not those a length claims (a cut
	// frame may claim 2^63), and a sum that stops at its largest value
	// rather than wrapping round.
	if n := f.PayloadLength - min(f.Missing, f.PayloadLength); s.payload > math.MaxUint64-n {
		s.payload = math.MaxUint64
	} else {
		s.payload += n
	}
	for _, v := range f.Violations {
		s.violations[v.ID]++
	}
}

// Early says that stats takes fragments as they are decided
// (decoder.EarlySink): it counts, and needs no message first.
func (s *stats) Early() bool { return true }

// Message counts one message (decoder.Sink).
func (s *stats) Message(m *decoder.Message) {
	s.messages++
	s.byMessage[m.OpcodeName]++
}

// writeStats prints a one-screen summary of a decode.
func writeStats(w io.Writer, r *decoder.Result, s *stats) {
	if s == nil {
		s = newStats()
		for i := range r.Frames {
			s.Frame(&r.Frames[i])
		}
		for i := range r.Messages {
			s.Message(&r.Messages[i])
		}
	}
	fmt.Fprintf(w, "input:       %s, %d bytes\n", inputName(r.Input), r.Input.Bytes)
	fmt.Fprintf(w, "connections: %d\n", len(r.Connections))
	fmt.Fprintf(w, "frames:      %d (%d payload bytes)%s\n", s.frames, s.payload, counts(s.byOpcode))
	fmt.Fprintf(w, "messages:    %d%s\n", s.messages, counts(s.byMessage))
	fmt.Fprintf(w, "violations:  %d%s\n", sum(s.violations), counts(s.violations))
	fmt.Fprintf(w, "errors:      %d\n", len(r.Errors))
	if t := tlsLine(r.Input); t != "" {
		fmt.Fprintf(w, "%s\n", t)
	}
}

// tlsLine says how the keys given fit the capture's TLS connections:
// "tls: 2 connections: 1 decrypted, 1 without its key", or "" for a
// capture without TLS. Connections without their key stay listed, each
// saying why.
func tlsLine(in decoder.Input) string {
	if in.TLSSessions == 0 {
		return ""
	}
	without := in.TLSSessions - in.TLSMatched
	line := "tls: " + words.Count(in.TLSSessions, "connection") + ": " + strconv.Itoa(in.TLSMatched) + " decrypted, " + strconv.Itoa(without)
	if without == 1 {
		line += " without its key"
	} else {
		line += " without their keys"
	}
	if in.TLSKeys == 0 {
		line += " (give the key log written when it was recorded with -keylog)"
	}
	return line
}

func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "\n  %-30s %d", k, m[k])
	}
	return b.String()
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// palette colours the terminal output, or leaves it plain.
type palette struct{ on bool }

func newPalette(mode string, out io.Writer) palette {
	switch mode {
	case "always":
		return palette{true}
	case "never":
		return palette{false}
	}
	f, ok := out.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return palette{false}
	}
	st, err := f.Stat()
	return palette{err == nil && st.Mode()&os.ModeCharDevice != 0}
}

var fieldColors = map[string]string{
	"websocket.fin":                       "33",
	"websocket.rsv1":                      "90",
	"websocket.rsv2":                      "90",
	"websocket.rsv3":                      "90",
	"websocket.opcode":                    "36",
	"websocket.mask":                      "35",
	"websocket.payload_length":            "32",
	"websocket.payload_length_ext_16":     "32",
	"websocket.payload_length_ext_64":     "32",
	"websocket.masking_key":               "31",
	"websocket.payload":                   "34",
	"websocket.payload.close.status_code": "34",
	"websocket.payload.close.reason":      "34",
}

func (p palette) wrap(code, s string) string {
	if !p.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) field(name, s string) string { return p.wrap(fieldColors[name], s) }
func (p palette) bold(s string) string        { return p.wrap("1", s) }
func (p palette) good(s string) string        { return p.wrap("32", s) }
func (p palette) bad(s string) string         { return p.wrap("31", s) }
