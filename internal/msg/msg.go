// Package msg is a sentence Go writes for a person to read: an id the
// page's catalogs know, the values it is built from, and its English.
//
// The English of each sentence is written once, here in Go, where the
// sentence is made (New, Plural): the command prints it, -json carries it
// as "message" beside "id" and "params", and the page shows it when its
// catalog has no words of its own for the id, as in English. Other
// languages translate by id: web/i18n/ja.js lists Go's sentences in its
// `sentences` table, with the same {name} parameters (the test
// TestSentencesHaveWords at the top of the module checks every id Go can
// emit). Plurals follow one rule on both sides: the form "one" when the
// parameter n is 1, "other" otherwise (the page's tn() picks KEY.one or
// KEY.other the same way).
//
// Protocol words (FIN, CONNECT, SUBACK), field names and values from the
// input are parameters or stay as they are; the sentence around them has
// an id.
package msg

import (
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/internal/jsonenc"
)

// Params are the values a sentence is built from, by name. A value is a
// string, an integer or a Text (a sentence inside the sentence).
type Params map[string]any

// MarshalJSON writes the params as a JSON object, {} when there are none.
func (p Params) MarshalJSON() ([]byte, error) {
	if p == nil {
		return []byte("{}"), nil
	}
	return jsonenc.Marshal(map[string]any(p))
}

// Text is one sentence: its id, its params and its English.
type Text struct {
	// ID is empty for a literal: a keyword or a value from the input,
	// the same in every language.
	ID     string `json:"id,omitempty"`
	Params Params `json:"params,omitempty"`
	// Message is the sentence in English, its template filled from Params.
	Message string `json:"message"`
}

// String returns the English.
func (t Text) String() string { return t.Message }

// Error returns the English, so that a sentence can be returned as an
// error and found again with errors.As (the page's words need its id).
func (t Text) Error() string { return t.Message }

// New is the sentence id, english being its English with {name} places
// filled from kv: name, value pairs ("record", 3, "offset", off), or one
// Params. The id and english must be string literals at the call, and the
// names too (the catalog test reads them from the source). Pairs keep the
// code at each call small: the map is built here, once.
//
//go:noinline
func New(id, english string, kv ...any) Text {
	p := params(kv)
	return Text{ID: id, Params: p, Message: Render(english, p)}
}

// Plural is the sentence id about n things: one when n is 1, other
// otherwise, each filled from kv (as New) and {n}. The page's catalogs
// hold id.one and id.other, or id alone for a language without plural
// forms.
//
//go:noinline
func Plural(id string, n int, one, other string, kv ...any) Text {
	p := params(kv)
	if p == nil {
		p = Params{}
	}
	p["n"] = n
	if n == 1 {
		return Text{ID: id, Params: p, Message: Render(one, p)}
	}
	return Text{ID: id, Params: p, Message: Render(other, p)}
}

// params makes Params of name, value pairs, or returns the one Params given.
func params(kv []any) Params {
	if len(kv) == 0 {
		return nil
	}
	if p, ok := kv[0].(Params); ok && len(kv) == 1 {
		return p
	}
	p := make(Params, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		if name, ok := kv[i].(string); ok {
			p[name] = kv[i+1]
		}
	}
	return p
}

// Render fills the {name} places of template from p; a place with no value
// stays as it is.
func Render(template string, p Params) string {
	if len(p) == 0 || !strings.Contains(template, "{") {
		return template
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(template, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(template[i+1:], '}')
		if j < 0 {
			break
		}
		b.WriteString(template[:i])
		name := template[i+1 : i+1+j]
		if v, ok := p[name]; ok {
			b.WriteString(Value(v))
		} else {
			b.WriteString(template[i : i+2+j])
		}
		template = template[i+2+j:]
	}
	b.WriteString(template)
	return b.String()
}

// Value is a param as the English writes it.
func Value(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case uint8:
		return strconv.Itoa(int(v))
	case uint16:
		return strconv.Itoa(int(v))
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case int32:
		return strconv.Itoa(int(v))
	case bool:
		return strconv.FormatBool(v)
	case Text:
		return v.Message
	case *Text:
		if v != nil {
			return v.Message
		}
	case interface{ String() string }:
		return v.String()
	}
	return "?"
}
