//go:build !js || full

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hack-pad/safejs"
)

// TestEncode: encode() reads a spec object key by key, as the page passes
// it, and returns the build result; a list builds several messages.
func TestEncode(t *testing.T) {
	spec, err := safejs.ValueOf(map[string]any{"text": "Good bye.", "mask_key": "9539ffdd", "fin": true, "close": nil})
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Hex    string
		Paste  string
		Frames []struct{ Payload string }
		Error  *struct{ Message string }
	}
	if err := json.Unmarshal([]byte(encode(spec)), &r); err != nil || r.Hex != "81899539ffddd25690b9b55b86b8bb" {
		t.Fatalf("encode = %+v, %v", r, err)
	}
	list, _ := safejs.ValueOf([]any{
		map[string]any{"text": "Hello, world", "fragment": 4, "ping_between": true, "extension": "permessage-deflate; client_no_context_takeover"},
		map[string]any{"close": map[string]any{"code": 1000, "reason": "bye"}},
	})
	out := encode(list)
	var m struct {
		Frames   []struct{ Opcode int }
		Messages []struct {
			Text      *string
			CloseCode *int `json:"close_code"`
		}
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil || len(m.Messages) != 3 || m.Messages[2].CloseCode == nil || *m.Messages[2].CloseCode != 1000 {
		t.Fatalf("encode(list) = %s", out)
	}
	for _, c := range []struct {
		spec map[string]any
		want string
	}{
		{map[string]any{"text": 3}, "text must be a string"},
		{map[string]any{"text": "x", "fin": "yes"}, "fin must be true or false"},
		{map[string]any{"text": "x", "opcode": 1.5}, "opcode must be a whole number"},
		{map[string]any{"text": "x", "ping_between": 2}, "ping_between must be"},
		{map[string]any{"close": map[string]any{"code": "x"}}, "close: code must be a number"},
		{map[string]any{"text": "x", "mask_key": "12"}, "mask_key"},
	} {
		v, _ := safejs.ValueOf(c.spec)
		if got := encode(v); !strings.Contains(got, c.want) || !strings.Contains(got, `"error"`) {
			t.Errorf("encode(%v) = %s, want an error saying %q", c.spec, got, c.want)
		}
	}
}
