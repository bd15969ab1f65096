package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// TestFilterInputs: -filter on each kind of input (a paste, a capture, a
// HAR, a wss:// capture with its key log), checked against the -json
// result read in plain Go: the frames it keeps are exactly the text
// frames whose message's text has an "e" (the page's filter answers from
// the same package).
func TestFilterInputs(t *testing.T) {
	tls := "../../testdata/captures/tls/t12-aes128gcm-deflate"
	seed := t.TempDir() + "/seed.txt"
	if err := os.WriteFile(seed, []byte(decoder.SeedPaste), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, in := range [][]string{
		{seed},
		{"../../testdata/captures/b-ws-chromium-deflate-lo4.pcapng"},
		{"../../testdata/har/ws-chromium-deflate.har"},
		{"-keylog", tls + ".keys", tls + ".pcap"},
	} {
		type result struct {
			Frames []struct {
				Index, Message int
				Opcode         int
			}
			Messages []struct {
				Index int
				Text  *string
			}
		}
		read := func(args ...string) result {
			out, errOut, code := runCLI(t, "", append(append([]string{"-json"}, args...), in...)...)
			if code != 0 {
				t.Fatalf("%v: exit %d: %s", in, code, errOut)
			}
			var r result
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("%v: %v", in, err)
			}
			return r
		}
		all := read()
		text := map[int]string{}
		for _, m := range all.Messages {
			if m.Text != nil {
				text[m.Index] = *m.Text
			}
		}
		var want []int
		for _, f := range all.Frames {
			if s, ok := text[f.Message]; ok && f.Message >= 0 && strings.Contains(s, "w") {
				want = append(want, f.Index)
			}
		}
		kept := read("-filter", `text contains "w"`)
		var got []int
		for _, f := range kept.Frames {
			got = append(got, f.Index)
		}
		if len(want) == 0 || len(want) == len(all.Frames) || strings.Join(strings.Fields(strings.Trim(jsonOf(got), "[]")), "") != strings.Join(strings.Fields(strings.Trim(jsonOf(want), "[]")), "") {
			t.Errorf("%v: -filter 'text contains \"w\"' keeps frames %v; the result says %v (of %d)", in, got, want, len(all.Frames))
		}
	}
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestFilterFlags: -filter with -stats, -frame and the list; a wrong one
// exits 2 with the column and a caret.
func TestFilterFlags(t *testing.T) {
	file := "../../testdata/captures/h-socketio-node-lo4.pcap"
	out, _, code := runCLI(t, "", "-stats", "-filter", "opcode == close", file)
	if code != 0 || !strings.Contains(out, "frames:      2 ") || !strings.Contains(out, "filter opcode == close") {
		t.Errorf("-stats -filter: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "-color", "never", "-filter", `socketio.event == "chat message"`, file)
	if code != 0 || !strings.Contains(out, "2 of 23 frames, 2 of 23 messages") || strings.Count(out, "  text  ") != 2 || strings.Contains(out, "close") {
		t.Errorf("list -filter: exit %d\n%s", code, out)
	}
	_, errOut, code := runCLI(t, "", "-frame", "0", "-filter", "opcode == close", file)
	if code != 1 || !strings.Contains(errOut, "-frame 0: the frame does not match") {
		t.Errorf("-frame of a frame the filter drops: exit %d: %s", code, errOut)
	}
	if _, _, code := runCLI(t, "", "-frame", "21", "-filter", "opcode == close", file); code != 0 {
		t.Errorf("-frame of a frame the filter keeps: exit %d", code)
	}
	_, errOut, code = runCLI(t, "", "-filter", "dir == client and lne > 3", file)
	if code != 2 || !strings.Contains(errOut, "column 19: unknown field 'lne', did you mean 'len'?") || !strings.Contains(errOut, "\n                    ^") {
		t.Errorf("a wrong filter: exit %d\n%s", code, errOut)
	}
	out, _, code = runCLI(t, "", "-filter", "help")
	if code != 0 || !strings.Contains(out, "socketio.event") || !strings.Contains(out, "close.code") {
		t.Errorf("-filter help: exit %d\n%s", code, out)
	}
}
