package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEncode: wsframe -encode builds the seed's client frame, reads the
// spec from stdin too, and its output decodes back with wsframe.
func TestEncode(t *testing.T) {
	out, errOut, code := runCLI(t, "", "-encode", `{"text":"Good bye.","mask_key":"9539ffdd"}`)
	if code != 0 || out != "81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb\n" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	out, _, code = runCLI(t, `{"from":"server","text":"Hello, world","fragment":5,"ping_between":"are you there"}`, "-encode")
	if code != 0 || strings.Count(out, "\n") != 4 {
		t.Fatalf("exit %d, %q: want four frames, one a line", code, out)
	}
	var r struct {
		Frames   []struct{ Opcode int }
		Messages []struct {
			Text *string
		}
	}
	js, _, code := runCLI(t, out, "-json", "-from", "server")
	if code != 0 || json.Unmarshal([]byte(js), &r) != nil {
		t.Fatalf("exit %d decoding the output: %s", code, js)
	}
	if len(r.Frames) != 4 || len(r.Messages) != 2 || r.Messages[1].Text == nil || *r.Messages[1].Text != "Hello, world" {
		t.Errorf("decoded %d frames, %d messages: %s", len(r.Frames), len(r.Messages), js)
	}
}

// TestEncode_JSON: -json prints the result with frames and messages as
// decode reads them; a list builds several messages under one extension.
func TestEncode_JSON(t *testing.T) {
	out, errOut, code := runCLI(t, "", "-encode", "-json", `[{"text":"Hi","extension":"permessage-deflate"},{"text":"Hi"}]`)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Hex      string
		Paste    string
		Frames   []struct{ Rsv1 bool }
		Messages []struct {
			Text       *string
			Compressed bool
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Messages) != 2 || !r.Frames[1].Rsv1 || !r.Messages[1].Compressed || *r.Messages[1].Text != "Hi" {
		t.Errorf("%s", out)
	}
	if strings.ReplaceAll(strings.ReplaceAll(r.Paste, " ", ""), "\n", "") != r.Hex {
		t.Errorf("paste %q and hex %q differ", r.Paste, r.Hex)
	}
}

// TestEncode_Errors: a spec that cannot be built exits 1 and says where;
// a frame broken on purpose is built, with a note on stderr.
func TestEncode_Errors(t *testing.T) {
	for _, c := range []struct {
		args  []string
		stdin string
		code  int
		want  string
	}{
		{[]string{"-encode", `{"text":"x","opcod":3}`}, "", 1, `line 1, column 23 (byte 22): unknown field "opcod"`},
		{[]string{"-encode"}, "{\"text\":\"x\",\n\"opcode\":\"3\"}", 1, "line 2, column"},
		{[]string{"-encode", `{"text":"x"} {"text":"y"}`}, "", 1, "more after the spec"},
		{[]string{"-encode", `{"hex":"0g"}`}, "", 1, `hex: column 2: "g" is not a hex digit`},
		{[]string{"-encode"}, "", 1, "no spec"},
		{[]string{"-encode", "{}", "{}"}, "", 2, "one spec"},
		{[]string{"-encode", `{"text":"hi","mask":false}`}, "", 0, "note: frame 0 breaks RFC 6455 5.1 (client-unmasked)"},
	} {
		_, errOut, code := runCLI(t, c.stdin, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
}
