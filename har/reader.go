// Package har reads the WebSocket connections a HAR file (HTTP Archive,
// as Chrome DevTools, Firefox and Playwright save it) holds: each entry
// whose request upgraded to WebSocket, with its request and response
// headers, and the messages DevTools and Playwright keep beside them in
// the non-standard "_webSocketMessages" list.
//
// A HAR holds messages, never frame bytes. Decode rebuilds, per message,
// the frame a browser would have sent for it (decoder.AppendFrame, client
// frames masked with a made-up key), marked as reconstructed, so that the
// rest of wsframe can show and teach it like captured frames.
//
// Reading streams: a token scanner (internal/jsontext) walks the file, and
// only one entry's head and one message are held at a time, so a 100 MB
// HAR is read in bounded memory. Read hands what it finds to a Handler as
// it goes.
package har

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wsframe/wsframe/internal/jsontext"
	"github.com/wsframe/wsframe/internal/msg"
)

// Entry is one WebSocket entry of a HAR: its upgrade request and answer.
type Entry struct {
	// Index is the entry's place in log.entries (0 for a pasted entry).
	Index int
	// Offset is the byte offset of the entry in the input.
	Offset int64
	URL    string
	// Request and Response are the heads as HTTP/1.1 text, rebuilt from
	// the entry's method, URL, status and headers; nil when absent.
	Request, Response []byte
}

// Message is one message of an entry's _webSocketMessages.
type Message struct {
	// Send is true for type "send": the browser, the client, sent it.
	Send bool
	// Time is when it was sent or received; zero when absent.
	Time time.Time
	// Opcode is the WebSocket opcode (1 text, 2 binary).
	Opcode int
	// Data is the payload: a text message's text, other messages'
	// bytes decoded from base64.
	Data []byte
	// Offset is the byte offset of the message in the input.
	Offset int64
	// Problem says what was wrong with the message, if anything (its data
	// was not valid base64, a field was missing).
	Problem string
	// Why is Problem as a sentence with an id (internal/msg).
	Why msg.Text
}

// Handler takes what Read finds, in input order: an entry, then its
// messages.
type Handler interface {
	Entry(e *Entry)
	Message(m *Message)
}

// Detect reports whether head, the first bytes of a file or paste, starts
// like a HAR file or one HAR entry: a JSON object whose first members
// include "log", or an entry's "request" or "_webSocketMessages".
func Detect(head []byte) bool {
	t := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	if len(t) == 0 || t[0] != '{' {
		return false
	}
	t = t[:min(len(t), 4096)]
	return bytes.Contains(t, []byte(`"log"`)) && bytes.Contains(t, []byte(`"entries"`)) ||
		bytes.Contains(t, []byte(`"_webSocketMessages"`)) ||
		bytes.Contains(t, []byte(`"request"`)) && bytes.Contains(t, []byte(`"response"`))
}

// Error is a problem in the input at a byte offset.
type Error struct {
	Offset int64
	Msg    string
	// Text is Msg as a sentence with an id (internal/msg).
	Text msg.Text
}

// errAt is the error t at byte off.
func errAt(off int64, t msg.Text) *Error { return &Error{Offset: off, Msg: t.Message, Text: t} }

func (e *Error) Error() string { return fmt.Sprintf("byte %d: %s", e.Offset, e.Msg) }

// Read reads a HAR file ({"log": {"entries": [...]}}) or one pasted entry
// from r and hands every WebSocket entry and its messages to h. It stops at
// the first syntax error, returned as an *Error with its offset, after
// handing over everything before it. Entries that are not WebSocket are
// skipped without being held.
func Read(r io.Reader, h Handler) error {
	s := jsontext.NewScanner(r)
	rd := &reader{s: s, h: h}
	err := rd.top()
	if se, ok := err.(*jsontext.SyntaxError); ok {
		return errAt(se.Offset, msg.New("har.err.json", "not valid JSON: {why}", "why", msg.Text{ID: se.ID, Params: se.Params, Message: se.Msg}))
	}
	return err
}

type reader struct {
	s *jsontext.Scanner
	h Handler
}

func (rd *reader) next() (jsontext.Token, error) {
	t, err := rd.s.Next()
	if err == io.EOF {
		return t, errAt(rd.s.Offset(), msg.New("har.err.end", "the input ends too early"))
	}
	return t, err
}

// top reads the outer object: a HAR file's, or a pasted entry's.
func (rd *reader) top() error {
	t, err := rd.next()
	if err != nil {
		return err
	}
	if t.Kind != jsontext.BeginObject {
		return errAt(t.Offset, msg.New("har.err.top", "a HAR file is a JSON object; this starts with a {kind}", "kind", t.Kind.String()))
	}
	start := t.Offset
	// A pasted entry is read member by member like any entry; a file has
	// "log" first or later, and then nothing an entry has.
	return rd.entry(&entryState{index: 0, offset: start}, true)
}

// log reads the "log" object and its "entries" array.
func (rd *reader) log() error {
	t, err := rd.next()
	if err != nil {
		return err
	}
	if t.Kind != jsontext.BeginObject {
		return errAt(t.Offset, msg.New("har.err.log", "\"log\" must be an object, not a {kind}", "kind", t.Kind.String()))
	}
	for {
		k, err := rd.next()
		if err != nil {
			return err
		}
		if k.Kind == jsontext.EndObject {
			return nil
		}
		if k.Text() != "entries" {
			if err := rd.s.Skip(); err != nil {
				return err
			}
			continue
		}
		a, err := rd.next()
		if err != nil {
			return err
		}
		if a.Kind != jsontext.BeginArray {
			return errAt(a.Offset, msg.New("har.err.entries", "\"entries\" must be an array, not a {kind}", "kind", a.Kind.String()))
		}
		for i := 0; ; i++ {
			t, err := rd.next()
			if err != nil {
				return err
			}
			if t.Kind == jsontext.EndArray {
				break
			}
			if t.Kind != jsontext.BeginObject {
				return errAt(t.Offset, msg.New("har.err.entry", "entry {i} must be an object, not a {kind}", "i", i, "kind", t.Kind.String()))
			}
			if err := rd.entry(&entryState{index: i, offset: t.Offset}, false); err != nil {
				return err
			}
		}
	}
}

// entryState is what is known of an entry while it is read.
type entryState struct {
	index     int
	offset    int64
	url       string
	req, resp *head
	ws        bool // found to be WebSocket
	told      bool // handed to the handler
	held      []*Message
}

// head is a request or response as the HAR gives it.
type head struct {
	method, url, version string
	status               int64
	statusText           string
	headers              [][2]string
}

// entry reads an entry's members up to its end; in the outer object (top)
// a "log" member is read as a HAR file's.
func (rd *reader) entry(e *entryState, top bool) error {
	for {
		k, err := rd.next()
		if err != nil {
			return err
		}
		if k.Kind == jsontext.EndObject {
			return rd.finish(e)
		}
		key := k.Text()
		if top && key == "log" {
			if err := rd.log(); err != nil {
				return err
			}
			continue
		}
		if err := rd.entryMember(e, key); err != nil {
			return err
		}
	}
}

func (rd *reader) entryMember(e *entryState, key string) error {
	switch key {
	case "request", "response":
		hd, err := rd.head()
		if err != nil {
			return err
		}
		if key == "request" {
			e.req, e.url = hd, hd.url
			if strings.HasPrefix(hd.url, "ws://") || strings.HasPrefix(hd.url, "wss://") {
				e.ws = true
			}
		} else {
			e.resp = hd
			if hd.status == 101 {
				e.ws = true
			}
		}
		return nil
	case "_webSocketMessages":
		return rd.messages(e)
	}
	return rd.s.Skip()
}

// tell hands the entry to the handler, once, when it is WebSocket and its
// heads are in.
func (rd *reader) tell(e *entryState) {
	if e.told {
		return
	}
	e.told = true
	en := &Entry{Index: e.index, Offset: e.offset, URL: e.url}
	if e.req != nil {
		en.Request = e.req.requestText()
	}
	if e.resp != nil {
		en.Response = e.resp.responseText()
	}
	rd.h.Entry(en)
}

// finish ends an entry: an entry whose messages came before its heads
// hands them over now.
func (rd *reader) finish(e *entryState) error {
	if !e.ws {
		return nil
	}
	rd.tell(e)
	for _, m := range e.held {
		rd.h.Message(m)
	}
	e.held = nil
	return nil
}

// object reads the next value, an object, keeping as a tree only the
// members named in keep and skipping the others (bodies, cookies, timings)
// without holding them.
func (rd *reader) object(what string, keep ...string) (jsontext.Value, error) {
	t, err := rd.next()
	if err != nil {
		return jsontext.Value{}, err
	}
	if t.Kind != jsontext.BeginObject {
		return jsontext.Value{}, errAt(t.Offset, msg.New("har.err.object", "{what} must be an object, not a {kind}", "what", what, "kind", t.Kind.String()))
	}
	return rd.members(t.Offset, keep)
}

// members reads the rest of an object whose '{' at start was read, as
// object does.
func (rd *reader) members(start int64, keep []string) (jsontext.Value, error) {
	v := jsontext.Value{Kind: jsontext.KindObject, Start: start}
	for {
		k, err := rd.next()
		if err != nil {
			return v, err
		}
		if k.Kind == jsontext.EndObject {
			return v, nil
		}
		key := k.Text()
		if !slices.Contains(keep, key) {
			if err := rd.s.Skip(); err != nil {
				return v, err
			}
			continue
		}
		m, err := rd.s.ReadValue()
		if err != nil {
			return v, err
		}
		v.Members = append(v.Members, jsontext.Member{Key: key, KeyStart: k.Offset, Value: m})
	}
}

// head reads a request or response: the fields a handshake needs.
func (rd *reader) head() (*head, error) {
	v, err := rd.object("a request or response", "method", "url", "httpVersion", "status", "statusText", "headers")
	if err != nil {
		return nil, err
	}
	hd := &head{method: text(&v, "method"), url: text(&v, "url"), version: text(&v, "httpVersion"),
		statusText: text(&v, "statusText"), status: int64(number(v.Get("status")))}
	if h := v.Get("headers"); h != nil {
		for i := range h.Items {
			name, value := text(&h.Items[i], "name"), text(&h.Items[i], "value")
			if name != "" {
				hd.headers = append(hd.headers, [2]string{name, value})
			}
		}
	}
	return hd, nil
}

// text returns the string member key of v, or "". It is kept out of line:
// inlined at every call, it would weigh kilobytes in the wasm.
//
//go:noinline
func text(v *jsontext.Value, key string) string {
	s, _ := v.Get(key).Text()
	return s
}

// messages reads _webSocketMessages, one message at a time.
func (rd *reader) messages(e *entryState) error {
	t, err := rd.next()
	if err != nil {
		return err
	}
	if t.Kind != jsontext.BeginArray {
		return errAt(t.Offset, msg.New("har.err.messages", "\"_webSocketMessages\" must be an array, not a {kind}", "kind", t.Kind.String()))
	}
	e.ws = true
	if e.req != nil || e.resp != nil {
		rd.tell(e)
	}
	for {
		t, err := rd.next()
		if err != nil {
			return err
		}
		if t.Kind == jsontext.EndArray {
			return nil
		}
		if t.Kind != jsontext.BeginObject {
			return errAt(t.Offset, msg.New("har.err.message", "a WebSocket message must be an object, not a {kind}", "kind", t.Kind.String()))
		}
		m, err := rd.message(t.Offset)
		if err != nil {
			return err
		}
		if e.told {
			rd.h.Message(m)
		} else {
			e.held = append(e.held, m) // the heads come later in this entry
		}
	}
}

// message reads one message object, whose '{' at start was read.
func (rd *reader) message(start int64) (*Message, error) {
	v, err := rd.members(start, []string{"type", "opcode", "time", "data"})
	if err != nil {
		return nil, err
	}
	m := &Message{Offset: v.Start, Opcode: 1}
	switch typ := text(&v, "type"); typ {
	case "send":
		m.Send = true
	case "receive":
	default:
		m.problem(msg.New("har.msg.type", "its type is {type}, neither \"send\" nor \"receive\"; taken as received", "type", strconv.Quote(typ)))
	}
	if op := v.Get("opcode"); op != nil {
		// A whole number from 0 to 15, written as one: 1e308, -5 or 1.5
		// are not taken for another opcode without a word.
		if n, k := digits(op.Str); op.Kind == jsontext.KindNumber && k > 0 && k == len(op.Str) && n <= 15 {
			m.Opcode = int(n)
		} else {
			m.problem(msg.New("har.msg.opcode.range", "its opcode {opcode} is not a whole number from 0 to 15; taken as text", "opcode", opcodeText(op)))
		}
	} else {
		m.problem(msg.New("har.msg.opcode", "it has no opcode; taken as text"))
	}
	if t := v.Get("time"); t != nil {
		m.Time = wallTime(t.Str)
	}
	data, ok := v.Get("data").Text()
	if !ok {
		m.problem(msg.New("har.msg.data", "it has no data"))
	}
	if m.Opcode == 1 {
		m.Data = []byte(data)
		return m, nil
	}
	// DevTools and Playwright write any other payload as base64.
	b, err := decodeBase64([]byte(data))
	if err != nil {
		m.problem(msg.New("har.msg.base64", "its data is not base64 ({err}); the text itself is taken as the payload", "err", err.Error()))
		b = []byte(data)
	}
	m.Data = b
	return m, nil
}

// opcodeText is an opcode value as the HAR wrote it, cut to 20 bytes.
func opcodeText(v *jsontext.Value) string {
	s := v.Str
	if len(s) > 20 {
		s = s[:20] + "…"
	}
	if v.Kind == jsontext.KindString {
		return `"` + s + `"`
	}
	return s
}

// number reads a JSON number's whole part (status codes, opcodes), 0 for
// anything else; strconv.ParseFloat would weigh 8 KB in the wasm.
func number(v *jsontext.Value) int {
	if v == nil || v.Kind != jsontext.KindNumber {
		return 0
	}
	n, _ := digits(v.Str)
	return int(min(n, 1<<30))
}

// digits reads the decimal digits at the start of s (after an optional
// minus, which gives 0), and returns their value (capped) and how many.
func digits(s string) (int64, int) {
	if strings.HasPrefix(s, "-") {
		return 0, 0
	}
	var n int64
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		if n < 1e17 {
			n = n*10 + int64(s[i]-'0')
		}
	}
	return n, i
}

// wallTime reads a message time, a JSON number: seconds since 1970
// (DevTools) or milliseconds (Playwright's wall time).
func wallTime(s string) time.Time {
	whole, n := digits(s)
	if n == 0 || whole == 0 || whole >= 1e16 || strings.ContainsAny(s, "eE") {
		return time.Time{}
	}
	var frac int64 // nanoseconds of the unit, from up to 9 digits
	if n < len(s) && s[n] == '.' {
		f, k := digits(s[n+1:])
		for ; k > 9; k-- {
			f /= 10
		}
		for ; k < 9; k++ {
			f *= 10
		}
		frac = f
	}
	if whole > 1e11 { // milliseconds
		return time.Unix(whole/1000, (whole%1000)*1e6+frac/1000).UTC()
	}
	return time.Unix(whole, frac).UTC()
}

// problem adds why to what is wrong with m.
func (m *Message) problem(why msg.Text) {
	if m.Why.ID != "" {
		why = msg.New("har.msg.and", "{a}; {b}", "a", m.Why, "b", why)
	}
	m.Why, m.Problem = why, why.Message
}
