package decoder

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wsframe/wsframe/reading"
)

// anyReading reports whether r, with its messages read, shows anything a
// program without a Reader could not: a reading or a connection's App.
func anyReading(r *Result) bool {
	for _, m := range r.WithReadings(r.Messages, false) {
		if m.Reading != nil {
			return true
		}
	}
	for _, c := range r.Connections {
		if c.App != nil {
			return true
		}
	}
	return false
}

// TestMayReadCoversReadings: the page's first program answers a paste only
// when MayRead is false, and must then answer what the full one would. So
// every paste that gets a reading under any menu choice is one MayRead
// claims; and the pastes with nothing to read (the seed exchange, RFC 6455
// 5.7's examples) are left to the first program.
func TestMayReadCoversReadings(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	extra := map[string]string{
		"socket.io 0.9":      "81 2e 35 3a 3a 3a 7b 22 6e 61 6d 65 22 3a 22 6e 65 77 73 22 2c 22 61 72 67 73 22 3a 5b 7b 22 68 65 6c 6c 6f 22 3a 22 77 6f 72 6c 64 22 7d 5d 7d",
		"json text":          "81 07 7b 22 61 22 3a 31 7d",
		"msgpack binary":     "82 04 81 a1 61 01",
		"hello and good bye": SeedPaste,
		"a PNG header":       "82 88 5a 17 c3 9e d3 47 8d d9 57 1d d9 94", // the page's "binary" example
	}
	inputs := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = b
	}
	for k, v := range extra {
		inputs[k] = []byte(v)
	}
	readings := 0
	choices := append([]string{"", "auto", "none"}, reading.Protocols...)
	for name, b := range inputs {
		for _, p := range choices {
			r := Decode(b, Options{Protocol: p, Reader: Readings{}})
			if anyReading(r) && !r.MayRead() {
				t.Errorf("%s, protocol %q: a message gets a reading, but MayRead is false", name, p)
			}
			if anyReading(r) {
				readings++
			}
		}
	}
	if readings < len(extra) {
		t.Fatalf("only %d decodes got a reading; are the readers given?", readings)
	}
	for _, name := range []string{"testdata/seed.txt", "testdata/rfc6455-5.7.txt", "testdata/seed.xxd.txt", "hello and good bye", "a PNG header"} {
		if r := Decode(inputs[name], Options{}); r.MayRead() {
			t.Errorf("%s: MayRead is true for a paste no reader takes", name)
		}
	}
	for _, name := range []string{"socket.io 0.9", "json text", "msgpack binary"} {
		if r := Decode(inputs[name], Options{Protocol: "none"}); r.MayRead() {
			t.Errorf("%s under \"none\": MayRead is true", name)
		}
	}
}
