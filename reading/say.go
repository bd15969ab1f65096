package reading

import (
	"strings"

	"github.com/wsframe/wsframe/internal/msg"
)

// line builds a summary from pieces: words with an id (msg.Text), which
// the page says in its language, and literals (protocol keywords, values
// from the input) that stay as they are. The summary is the pieces'
// English end to end; Reading.Say keeps the pieces.
type line struct{ parts []msg.Text }

// lit appends s as it is (a keyword, a value from the input), clipped.
func (l *line) lit(s string) {
	if s != "" {
		l.parts = append(l.parts, msg.Text{Message: clip(s)})
	}
}

// say appends a sentence.
func (l *line) say(t msg.Text) { l.parts = append(l.parts, t) }

// add appends the pieces of o.
func (l *line) add(o line) { l.parts = append(l.parts, o.parts...) }

// String is the summary in English.
func (l *line) String() string {
	var b strings.Builder
	for _, p := range l.parts {
		b.WriteString(p.Message)
	}
	return b.String()
}

// set makes l r's summary.
func (l *line) set(r *Reading) { r.Summary, r.Say = l.String(), l.parts }

// failed makes r's summary "protocol: " and where and why it stopped reading.
func failed(r *Reading, protocol string, e *Error) {
	var l line
	l.lit(protocol + ": ")
	l.say(e.Text())
	l.set(r)
}

// withMessage is failed, the error said without its byte.
func withMessage(r *Reading, protocol string, e *Error) {
	var l line
	l.lit(protocol + ": ")
	l.say(msg.Text{ID: e.ID, Params: e.Params, Message: e.Message})
	l.set(r)
}

// joinLines joins summaries by "; ", as a message of several packets reads.
func joinLines(ls []line) line {
	var out line
	for i, l := range ls {
		if i > 0 {
			out.lit("; ")
		}
		out.add(l)
	}
	return out
}

// withError appends " (" error ")" to a summary whose reading stopped.
func (l *line) withError(e *Error) {
	if e == nil {
		return
	}
	if len(l.parts) > 0 {
		l.lit(" ")
	}
	l.lit("(")
	l.say(e.Text())
	l.lit(")")
}

// value makes l f's value.
func (l *line) value(f *Field) { f.Value, f.Say = l.String(), l.parts }

// sayValue makes the sentence t f's value.
func sayValue(f *Field, t msg.Text) { f.Value, f.Say = t.Message, []msg.Text{t} }

// container is the value of an array or map of n items.
func container(kind string, n int) msg.Text {
	if kind == "map" {
		return msg.Plural("rd.map", n, "map of {n}", "map of {n}")
	}
	return msg.Plural("rd.array", n, "array of {n}", "array of {n}")
}

// says is a line of one sentence.
func says(t msg.Text) line { return line{parts: []msg.Text{t}} }

// byteCount is "n bytes" as a sentence.
func byteCount(n int) msg.Text { return msg.Plural("rd.bytes", n, "{n} byte", "{n} bytes") }
