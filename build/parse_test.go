package build

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestParseSpecs reads what encoding/json reads into a Spec the same, and
// places every error at its line and column.
func TestParseSpecs(t *testing.T) {
	for _, src := range []string{
		`{"text":"Good bye.","mask_key":"9539ffdd"}`,
		`{"from":"server","close":{"code":1000,"reason":"bye"},"fin":false,"rsv1":true,"rsv2":false,"rsv3":true}`,
		`{"hex":"81 05","opcode":2,"mask":false,"length_bits":64,"payload_length":18446744073709551615}`,
		`{"text":"hi","fragment":2,"ping_between":"p","extension":"permessage-deflate","compress":false}`,
		`{"text":"hi","fragment":2,"ping_between":true,"close":null}`,
		"[{\"text\":\"a\"},\n {\"text\":\"b\",\"from\":\"server\"}]",
	} {
		got, err := ParseSpecs([]byte(src))
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		var want []Spec
		if strings.HasPrefix(src, "[") {
			err = json.Unmarshal([]byte(src), &want)
		} else {
			want = make([]Spec, 1)
			err = json.Unmarshal([]byte(src), &want[0])
		}
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", src, got, want)
		}
	}
	for _, c := range []struct{ src, want string }{
		{`{"text":"x","opcod":3}`, `line 1, column 13 (byte 12): unknown field "opcod"`},
		{"{\"text\":\"x\",\n\"opcode\":\"3\"}", "line 2, column 10 (byte 22): opcode must be a number, not string"},
		{"[{\"text\":\"x\"},\n  {\"fin\":1}]", "line 2, column 10 (byte 24): spec 2: fin must be true or false, not number"},
		{`{"close":{"code":1000,"why":"x"}}`, `line 1, column 23 (byte 22): close: unknown field "why"`},
		{`{"opcode":1.5}`, "line 1, column 11 (byte 10): opcode must be a whole number"},
		{`{"opcode":4294967296}`, "opcode is too large"},
		{`{"ping_between":2}`, "ping_between must be true, false or the ping's text"},
		{`{"text":"x"} {"text":"y"}`, "line 1, column 14 (byte 13): more after the spec"},
		{`{"text":"x"`, "line 1, column 12 (byte 11)"},
		{`"hi"`, "a spec is an object"},
		{" \n ", "no spec"},
	} {
		_, err := ParseSpecs([]byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.src, err, c.want)
		}
	}
}

// FuzzParseSpecs: any text gives specs or an error placed inside it,
// never a panic.
func FuzzParseSpecs(f *testing.F) {
	f.Add([]byte(`{"text":"Good bye.","mask_key":"9539ffdd"}`))
	f.Add([]byte(`[{"close":{"code":1000}},{"hex":"00","fragment":1,"ping_between":true}]`))
	f.Add([]byte("{\"text\":\"x\",\n\"opcode\":\"3\"}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := ParseSpecs(src)
		if e, ok := err.(*SpecError); ok && (e.Offset < 0 || e.Offset > int64(len(src)) || e.Line < 1 || e.Column < 1) {
			t.Fatalf("error outside the text: %+v", e)
		}
	})
}
