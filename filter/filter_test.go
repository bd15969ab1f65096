package filter_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/filter"
)

const captures = "../testdata/captures/"

// TestParseErrors: each wrong filter names its column (marked by the
// position of « in the input, which is taken out) and says what is wrong.
func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"«opcod == 1", "unknown field 'opcode'"[:0] + "unknown field 'opcod', did you mean 'opcode'?"},
		{"dir == client and «tetx contains \"a\"", "did you mean 'text'"},
		{"«zzzzzz", "unknown field 'zzzzzz'; the fields are listed"},
		{"opcode «= 1", "did you mean '=='?"},
		{"opcode == «txt", "opcode needs an opcode"},
		{"len > «big", "len needs a whole number"},
		{"time > «x", "time needs a number"},
		{"dir == «cleint", "dir is client or server"},
		{"fin == «maybe", "fin is a boolean"},
		{"text «> 3", "'>' does not apply to text, a string"},
		{"payload contains «4g", "bytes are written in hex"},
		{"text matches «\"(\"", "not a regular expression"},
		{"«(opcode == 1", "the '(' opened here is not closed"},
		{"opcode == 1 «)", "')' closes no '('"},
		{"opcode == 1 «fin", "unexpected 'fin' after a complete test"},
		{"opcode == 1 and «", "the filter ends where a test was expected"},
		{"text contains «\"abc", "the string opened here is not closed"},
		{"opcode ==«", "expected a value after '=='"},
		{"«== 1", "expected a field name, found '=='"},
		{"text contains \"a«\\q\"", "unknown escape \\q"},
		{"ｔｅｘｔ contains \"日本\" and «x", "unknown field 'x'"},
	} {
		col := strings.Index(tc.in, "«")
		in := strings.Replace(tc.in, "«", "", 1)
		wantCol := len([]rune(tc.in[:col])) + 1
		_, err := filter.Parse(in)
		e, ok := err.(*filter.Error)
		if !ok {
			// Full-width letters are word characters: the first test of
			// that row parses as an unknown field at column 1.
			t.Errorf("Parse(%q) = %v, want an *Error", in, err)
			continue
		}
		if in == "ｔｅｘｔ contains \"日本\" and x" {
			wantCol = 1
			tc.want = "unknown field 'ｔｅｘｔ'"
		}
		if e.Column != wantCol || !strings.Contains(e.Message, tc.want) {
			t.Errorf("Parse(%q) = column %d: %s\nwant column %d: …%s…", in, e.Column, e.Message, wantCol, tc.want)
		}
	}
}

// TestParseCanonical: precedence (not > and > or), synonyms and
// literals as the filter reads them.
func TestParseCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"":                                    "",
		"fin":                                 "fin",
		"a.b":                                 "",
		"opcode == close":                     "opcode == 8",
		"opcode eq 0x9 || !fin && masked":     "(opcode == 9 or (not fin and masked))",
		"not (dir == client or len > 125)":    "not (dir == client or len > 125)",
		"payload contains 48:65:6C":           "payload contains 48656c",
		`bytes == "Hi"`:                       "bytes == 4869",
		`text contains 'it\'s' and time<=1.5`: `(text contains "it's" and time <= 1.5)`,
		"rsv1 == false":                       "rsv1 == false",
		"rsv1 != false":                       "rsv1 == true",
	} {
		f, err := filter.Parse(in)
		if in == "a.b" {
			if err == nil {
				t.Errorf("Parse(a.b) = nil error")
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if f.String() != want {
			t.Errorf("Parse(%q) = %s, want %s", in, f.String(), want)
		}
	}
}

// TestCost: header fields answer from the records.
func TestCost(t *testing.T) {
	for in, want := range map[string]filter.Cost{
		"opcode == close and dir == client and not fin and conn == 1 and time > 2": filter.Record,
		"len > 125":          filter.Header,
		"close.code == 1000": filter.Payload,
		`text contains "a"`:  filter.Message,
		"mqtt.topic":         filter.Reading,
	} {
		f, err := filter.Parse(in)
		if err != nil || f.Cost() != want {
			t.Errorf("Parse(%q).Cost() = %v (%v), want %v", in, f.Cost(), err, want)
		}
	}
}

// decoded is a capture decoded both ways: whole, and into an index.
type decoded struct {
	r   *decoder.Result
	ix  *decoder.Index
	ixr *decoder.Result
}

func decode(t *testing.T, name string) decoded {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	opts := decoder.Options{Reader: decoder.Readings{}}
	r := capture.Decode(b, opts)
	ix := decoder.NewIndex(0)
	at := bytes.NewReader(b)
	ixr := capture.DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, at, int64(len(b)), opts, ix, nil)
	return decoded{r, ix, ixr}
}

func run(t *testing.T, d decoded, expr string) (frames, messages []int) {
	t.Helper()
	f, err := filter.Parse(expr)
	if err != nil {
		t.Fatalf("Parse(%q): %v", expr, err)
	}
	frames, messages, err = filter.Run(f, filter.FromResult(d.r), nil)
	if err != nil {
		t.Fatal(err)
	}
	fi, mi, err := filter.Run(f, filter.FromIndex(d.ix, d.ixr), nil)
	if err != nil {
		t.Fatalf("%q over the index: %v", expr, err)
	}
	if !slices.Equal(frames, fi) || !slices.Equal(messages, mi) {
		t.Errorf("%q: over the result frames %v messages %v; over the index frames %v messages %v", expr, frames, messages, fi, mi)
	}
	return frames, messages
}

// TestTshark: header fields against tshark's display filters on the same
// capture, as the packets that complete the matching frames.
func TestTshark(t *testing.T) {
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Fatalf("this test needs tshark (apt-get install tshark): %v", err)
	}
	// Each pair: our filter, and a test of tshark's websocket fields
	// (one value per WebSocket frame in a packet).
	type ws struct{ opcode, fin, mask, plen, rsv, code string }
	pairs := []struct {
		ours   string
		theirs func(w ws) bool
	}{
		{"opcode == close", func(w ws) bool { return w.opcode == "8" }},
		{"opcode == text", func(w ws) bool { return w.opcode == "1" }},
		{"opcode == binary or opcode == continuation", func(w ws) bool { return w.opcode == "2" || w.opcode == "0" }},
		{"opcode == ping or opcode == pong", func(w ws) bool { return w.opcode == "9" || w.opcode == "10" }},
		{"not fin", func(w ws) bool { return w.fin == "False" || w.fin == "0" }},
		{"masked", func(w ws) bool { return w.mask == "True" || w.mask == "1" }},
		{"len > 125", func(w ws) bool { n, _ := strconv.Atoi(w.plen); return n >= 126 }},
		{"len == 0", func(w ws) bool { return w.plen == "0" }},
		{"rsv1", func(w ws) bool { return w.rsv == "4" || w.rsv == "0x4" || w.rsv == "0x04" }},
	}
	files := []string{"a-websocketnode-chromium-seed-lo4.pcap", "b-ws-chromium-deflate-lo4.pcapng", "c-pywebsockets-deflate-lo6-nsec.pcap",
		"d-gorilla-ws-fragments-lengths-lo4.pcapng", "f-ws-ws-3conns-any-sll2.pcap", "h-socketio-node-lo4.pcap"}
	for _, file := range files {
		d := decode(t, captures+file)
		// tshark -Y websocket, once: each packet's frames' fields.
		out, err := exec.Command(tshark, "-r", captures+file, "-Y", "websocket", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
			"-e", "frame.number", "-e", "websocket.opcode", "-e", "websocket.fin", "-e", "websocket.mask", "-e", "websocket.payload_length", "-e", "websocket.rsv").Output()
		if err != nil {
			t.Fatalf("tshark %s: %v", file, err)
		}
		type pkt struct {
			n      int
			frames []ws
		}
		var pkts []pkt
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			cols := strings.Split(line, "\t")
			n, _ := strconv.Atoi(cols[0])
			get := func(c, i int) string {
				vs := strings.Split(cols[c], ",")
				if i < len(vs) {
					return vs[i]
				}
				return ""
			}
			p := pkt{n: n}
			for i := range strings.Split(cols[1], ",") {
				p.frames = append(p.frames, ws{get(1, i), get(2, i), get(3, i), get(4, i), get(5, i), ""})
			}
			pkts = append(pkts, p)
		}
		for _, p := range pairs {
			frames, _ := run(t, d, p.ours)
			ours := []int{}
			for _, i := range frames {
				if n := d.r.Frames[i].Packet; !slices.Contains(ours, n) {
					ours = append(ours, n)
				}
			}
			slices.Sort(ours)
			theirs := []int{}
			for _, k := range pkts {
				if slices.ContainsFunc(k.frames, p.theirs) {
					theirs = append(theirs, k.n)
				}
			}
			if !slices.Equal(ours, theirs) {
				t.Errorf("%s: -filter %q gives packets %v; tshark's websocket fields give %v", file, p.ours, ours, theirs)
			}
		}
	}
}

// TestOracle: each field against the decode result itself, tested frame
// by frame in plain Go.
func TestOracle(t *testing.T) {
	type oracle struct {
		expr string
		keep func(r *decoder.Result, f *decoder.Frame) bool
	}
	msg := func(r *decoder.Result, f *decoder.Frame) *decoder.Message {
		if f.Message < 0 {
			return nil
		}
		return &r.Messages[f.Message]
	}
	oracles := []oracle{
		{"dir == server", func(_ *decoder.Result, f *decoder.Frame) bool { return f.From == decoder.Server }},
		{"conn == 1", func(_ *decoder.Result, f *decoder.Frame) bool { return f.Connection != nil && *f.Connection == 1 }},
		{"frame >= 3 and frame < 7", func(_ *decoder.Result, f *decoder.Frame) bool { return f.Index >= 3 && f.Index < 7 }},
		{"message == 2", func(_ *decoder.Result, f *decoder.Frame) bool { return f.Message == 2 }},
		{"packet > 20", func(_ *decoder.Result, f *decoder.Frame) bool { return f.Packet > 20 }},
		{"time > 0.5", func(r *decoder.Result, f *decoder.Frame) bool {
			return f.Time.Time().Sub(r.Input.Start.Time()).Seconds() > 0.5
		}},
		{"len >= 126", func(_ *decoder.Result, f *decoder.Frame) bool { return f.PayloadLength >= 126 }},
		{"violation", func(r *decoder.Result, f *decoder.Frame) bool {
			m := msg(r, f)
			return len(f.Violations) > 0 || m != nil && len(m.Violations) > 0
		}},
		{`text contains "hello"`, func(r *decoder.Result, f *decoder.Frame) bool {
			m := msg(r, f)
			return m != nil && m.Text != nil && strings.Contains(*m.Text, "hello")
		}},
		{`text matches "(?i)^h"`, func(r *decoder.Result, f *decoder.Frame) bool {
			m := msg(r, f)
			return m != nil && m.Text != nil && regexp.MustCompile("(?i)^h").MatchString(*m.Text)
		}},
		{`not text`, func(r *decoder.Result, f *decoder.Frame) bool { m := msg(r, f); return m == nil || m.Text == nil }},
		{"bytes contains 00:00", func(r *decoder.Result, f *decoder.Frame) bool {
			m := msg(r, f)
			return m != nil && bytes.Contains(m.Data, []byte{0, 0})
		}},
		{`payload contains "o"`, func(_ *decoder.Result, f *decoder.Frame) bool { return bytes.Contains(f.Payload, []byte("o")) }},
		{"compressed", func(r *decoder.Result, f *decoder.Frame) bool { m := msg(r, f); return m != nil && m.Compressed }},
		{"message.len > 1000", func(r *decoder.Result, f *decoder.Frame) bool { m := msg(r, f); return m != nil && m.Length > 1000 }},
	}
	files, _ := filepath.Glob(captures + "*.pcap*")
	for _, file := range files {
		d := decode(t, file)
		for _, o := range oracles {
			got, _ := run(t, d, o.expr)
			want := []int{}
			for i := range d.r.Frames {
				if o.keep(d.r, &d.r.Frames[i]) {
					want = append(want, i)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: %q gives %v, want %v", filepath.Base(file), o.expr, got, want)
			}
		}
	}
}

// TestReadings: the readings' fields against what the peers that made
// the captures sent (their logs beside the captures) and against the
// messages' raw text.
func TestReadings(t *testing.T) {
	count := func(d decoded, expr string) int { _, m := run(t, d, expr); return len(m) }
	texts := func(d decoded, re string) int {
		n := 0
		for _, m := range d.r.Messages {
			if m.Text != nil && regexp.MustCompile(re).MatchString(*m.Text) {
				n++
			}
		}
		return n
	}
	sio := decode(t, captures+"h-socketio-node-lo4.pcap")
	if got, want := count(sio, `socketio.event == "chat message"`), texts(sio, `^42(/[^,]*,)?\d*\["chat message"`); got != want || want == 0 {
		t.Errorf("socketio.event: %d messages, the raw text says %d", got, want)
	}
	if got, want := count(sio, `socketio.namespace == "/admin"`), texts(sio, `^4\d/admin\b`); got != want || want == 0 {
		t.Errorf("socketio.namespace: %d messages, the raw text says %d", got, want)
	}
	stomp := decode(t, captures+"r-stomp-lo4.pcap")
	if got, want := count(stomp, `stomp.destination == "/topic/greetings"`), texts(stomp, `\ndestination:/topic/greetings\n`); got != want || want == 0 {
		t.Errorf("stomp.destination: %d messages, the raw text says %d", got, want)
	}
	if got, want := count(stomp, `stomp.command == "SEND"`), texts(stomp, `^SEND\n`); got != want || want == 0 {
		t.Errorf("stomp.command: %d messages, the raw text says %d", got, want)
	}
	gql := decode(t, captures+"r-graphql-ws-lo4.pcap")
	if got := count(gql, `graphql.operation == "Count"`); got != 1 {
		t.Errorf("graphql.operation == Count: %d messages; the client subscribed once (r-graphql-ws-lo4.log.json)", got)
	}
	if got := count(gql, `graphql.operation == "query"`); got != 1 {
		t.Errorf("graphql.operation == query: %d messages; the client sent { hello } once", got)
	}
	for _, file := range []string{"r-mqtt5-mosquitto-lo4", "r-mqtt-aedes-lo4"} {
		d := decode(t, captures+file+".pcap")
		log, err := os.ReadFile(captures + file + ".log.json")
		if err != nil {
			t.Fatal(err)
		}
		// The client logged each PUBLISH it sent and received; the
		// connection's packets say which messages carried their bytes.
		want := strings.Count(string(log), `"topic": "sensors/temp"`)
		var packets int
		carried := []int{}
		for _, p := range d.r.Connections[0].App.Packets {
			if p.Topic != "sensors/temp" {
				continue
			}
			if p.Type == "PUBLISH" {
				packets++
			}
			for _, k := range p.Messages {
				if !slices.Contains(carried, k) {
					carried = append(carried, k)
				}
			}
		}
		slices.Sort(carried)
		if packets != want || want == 0 {
			t.Errorf("%s: %d PUBLISH packets to sensors/temp, the client's log says %d", file, packets, want)
		}
		if _, got := run(t, d, `mqtt.topic == "sensors/temp"`); !slices.Equal(got, carried) {
			t.Errorf("%s: mqtt.topic == sensors/temp gives messages %v; the packets with that topic came in %v", file, got, carried)
		}
		if got := count(d, `reading.protocol == "mqtt"`); got == 0 {
			t.Errorf("%s: no message reads as mqtt", file)
		}
	}
}

// TestNearest: suggestions within a small edit distance, nearest first.
func TestNearest(t *testing.T) {
	for in, want := range map[string][]string{
		"opcod": {"opcode"}, "lne": {"len"}, "txet": {"text"}, "mqtt.topc": {"mqtt.topic"},
		"socketio.evnt": {"socketio.event"}, "qqqqqqqq": {},
	} {
		got := filter.Nearest(in, 1)
		if !slices.Equal(got, want) {
			t.Errorf("Nearest(%q) = %v, want %v", in, got, want)
		}
	}
}

func ExampleParse() {
	_, err := filter.Parse("opcod == close")
	fmt.Println(err)
	// Output: column 1: unknown field 'opcod', did you mean 'opcode'?
}

// TestRecordFilterAllocs: a filter of the records allocates nothing per
// frame (a closure made per frame once did): allocations for 4,000 frames
// are those for 1,000 plus the growth of the answer's lists.
func TestRecordFilterAllocs(t *testing.T) {
	allocs := func(n int) float64 {
		r := decoder.Decode([]byte(strings.Repeat("81 05 48 65 6c 6c 6f\n", n)), decoder.Options{})
		if len(r.Frames) != n {
			t.Fatalf("%d frames, want %d", len(r.Frames), n)
		}
		f, err := filter.Parse("opcode == text and dir == server and fin and not rsv1 and frame >= 0")
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(3, func() { filter.Run(f, filter.FromResult(r), nil) })
	}
	one, four := allocs(1000), allocs(4000)
	if four-one > 24 { // the lists grow by doubling: a few more; one a frame would be 3,000
		t.Errorf("%.0f allocations for 1,000 frames, %.0f for 4,000: some are made per frame", one, four)
	}
}

// countingReaderAt counts the reads of the input again.
type countingReaderAt struct {
	r     io.ReaderAt
	reads int
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	c.reads++
	return c.r.ReadAt(p, off)
}

// TestRecordsReadNothing: a filter of the records answers without reading
// a byte of the input again; len reads only for frames of 126 bytes and
// more; text reads messages.
func TestRecordsReadNothing(t *testing.T) {
	b, err := os.ReadFile(captures + "d-gorilla-ws-fragments-lengths-lo4.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	at := &countingReaderAt{r: bytes.NewReader(b)}
	ix := decoder.NewIndex(0)
	r := capture.DecodeIndexed(func() io.Reader { return bytes.NewReader(b) }, at, int64(len(b)), decoder.Options{}, ix, nil)
	count := func(expr string) (reads, frames int) {
		f, err := filter.Parse(expr)
		if err != nil {
			t.Fatal(err)
		}
		at.reads = 0
		got, _, err := filter.Run(f, filter.FromIndex(ix, r), nil)
		if err != nil {
			t.Fatal(err)
		}
		return at.reads, len(got)
	}
	if reads, n := count("opcode == text or opcode == continuation or (dir == client and not fin and conn == 0 and time > 0 and frame < 100)"); reads != 0 || n == 0 {
		t.Errorf("a filter of the records read the input %d times (%d frames kept)", reads, n)
	}
	long := 0
	for i := range ix.Frames() {
		if ix.Head(i).Length7 >= 126 {
			long++
		}
	}
	if reads, n := count("len > 125"); reads == 0 || reads > long || n != long {
		t.Errorf("len > 125: %d reads and %d frames kept; %d frames have a 16- or 64-bit length", reads, n, long)
	}
	if reads, _ := count(`text contains "x"`); reads == 0 {
		t.Errorf("text contains read nothing")
	}
}

// TestErrorSentences: a wrong filter's problem is a sentence of
// internal/msg (the page says it in its language): an id, and the column's
// names and values as params beside the English message; a token quoted
// from the filter stays a literal, the end of the filter is words.
func TestErrorSentences(t *testing.T) {
	for _, tc := range []struct {
		in, id string
		params map[string]string
	}{
		{"opcod == 1", "filter.err.field.near", map[string]string{"name": "opcod", "near": "opcode"}},
		{"zzzzzz", "filter.err.field", map[string]string{"name": "zzzzzz"}},
		{"opcode = 1", "filter.err.equals", nil},
		{"text > 3", "filter.err.op", map[string]string{"op": ">", "field": "text", "type": "string", "ops": "==, !=, contains, matches"}},
		{"opcode ==", "filter.err.value-expected", map[string]string{"op": "==", "found": "the end of the filter"}},
		{"fin == maybe", "filter.err.bool", map[string]string{"field": "fin", "found": "'maybe'"}},
		{`text contains "a\q"`, "filter.err.escape", map[string]string{"escape": "q"}},
		{`text contains "abc`, "filter.err.string", map[string]string{"quote": `"`}},
	} {
		_, err := filter.Parse(tc.in)
		e, ok := err.(*filter.Error)
		if !ok {
			t.Errorf("Parse(%q) = %v, want an *Error", tc.in, err)
			continue
		}
		if e.ID != tc.id || len(e.Params) != len(tc.params) {
			t.Errorf("Parse(%q): id %q params %v, want %q with %v", tc.in, e.ID, e.Params, tc.id, tc.params)
			continue
		}
		for k, want := range tc.params {
			if got := fmt.Sprint(e.Params[k]); got != want {
				t.Errorf("Parse(%q): param %s = %q, want %q", tc.in, k, got, want)
			}
		}
	}
	// The end of the filter is a sentence inside the sentence.
	_, err := filter.Parse("opcode ==")
	if found, ok := err.(*filter.Error).Params["found"].(interface{ String() string }); !ok || found.String() != "the end of the filter" {
		t.Errorf("opcode ==: found = %#v, want the sentence filter.end", err.(*filter.Error).Params["found"])
	}
}
