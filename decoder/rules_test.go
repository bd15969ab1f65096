package decoder

import (
	"bytes"
	"math/rand"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// ruleInputs gives, for each rule of the table (by id and field), frames
// that break it.
func ruleInputs(t *testing.T) []struct {
	id, field string
	in        []byte
	opts      Options
} {
	key := []byte{1, 2, 3, 4}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	pmd, _ := ParseExtension("permessage-deflate")
	narrow, _ := ParseExtension("permessage-deflate; server_max_window_bits=9")
	text := bytes.Repeat([]byte("0123456789abcdef"), 8)
	noise := make([]byte, 600)
	rnd := rand.New(rand.NewSource(1))
	for i := range noise {
		noise[i] = byte('a' + rnd.Intn(26))
	}
	far := compressSync(t, cat(text, noise, text)) // refers 728 bytes back
	return []struct {
		id, field string
		in        []byte
		opts      Options
	}{
		{"client-unmasked", "websocket.mask", encodeFrame(true, 0, OpText, nil, []byte("hi"), 0), Options{From: Client}},
		{"server-masked", "websocket.mask", encodeFrame(true, 0, OpText, key, []byte("hi"), 0), Options{From: Server}},
		{"control-too-long", "websocket.payload_length", encodeFrame(true, 0, OpPing, nil, make([]byte, 126), 0), Options{}},
		{"control-fragmented", "websocket.fin", encodeFrame(false, 0, OpPing, nil, nil, 0), Options{}},
		{"rsv-without-extension", "websocket.rsv1", encodeFrame(true, 4, OpText, nil, []byte("x"), 0), Options{}},
		{"rsv-without-extension", "websocket.rsv2", encodeFrame(true, 2, OpText, nil, []byte("x"), 0), Options{}},
		{"rsv-without-extension", "websocket.rsv3", encodeFrame(true, 1, OpText, nil, []byte("x"), 0), Options{}},
		{"reserved-opcode", "websocket.opcode", encodeFrame(true, 0, 0xB, nil, nil, 0), Options{}},
		{"continuation-without-message", "websocket.opcode", encodeFrame(true, 0, OpContinuation, nil, []byte("x"), 0), Options{}},
		{"data-during-fragmented-message", "websocket.opcode", cat(encodeFrame(false, 0, OpText, nil, []byte("a"), 0), encodeFrame(true, 0, OpBinary, nil, []byte("b"), 0)), Options{}},
		{"non-minimal-length", "websocket.payload_length", encodeFrame(true, 0, OpBinary, nil, make([]byte, 300), 64), Options{}},
		{"length-top-bit-set", "websocket.payload_length_ext_64", unhex(t, "82 7f 80 00 00 00 00 00 00 00"), Options{}},
		{"close-payload-one-byte", "websocket.payload_length", encodeFrame(true, 0, OpClose, nil, []byte{3}, 0), Options{}},
		{"close-code-invalid", "websocket.payload.close.status_code", encodeFrame(true, 0, OpClose, nil, []byte{0x03, 0xED}, 0), Options{}},
		{"text-invalid-utf8", "websocket.payload", encodeFrame(true, 0, OpText, nil, []byte{'a', 0xc3}, 0), Options{}},
		{"close-reason-invalid-utf8", "websocket.payload.close.reason", encodeFrame(true, 0, OpClose, nil, []byte{0x03, 0xE8, 0xff}, 0), Options{}},
		{"truncated", "websocket.payload", unhex(t, "81 0c 48 65"), Options{}},
		{"rsv1-on-continuation", "websocket.rsv1", cat(encodeFrame(false, 4, OpText, nil, []byte{0xf2, 0x48, 0xcd}, 0), encodeFrame(true, 4, OpContinuation, nil, []byte{0xc9, 0xc9, 0x07, 0x00}, 0)), Options{Extension: pmd}},
		{"rsv1-on-control", "websocket.rsv1", encodeFrame(true, 4, OpPing, nil, nil, 0), Options{Extension: pmd}},
		{"frame-after-close", "websocket.opcode", cat(encodeFrame(true, 0, OpClose, nil, []byte{0x03, 0xE8}, 0), encodeFrame(true, 0, OpText, nil, []byte("late"), 0)), Options{}},
		{"inflate-failed", "websocket.payload", unhex(t, "c1 02 ff ff"), Options{Extension: pmd}},
		{"deflate-window-exceeded", "websocket.payload", encodeFrame(true, 4, OpText, nil, far, 0), Options{Extension: narrow, From: Server}},
	}
}

// TestEveryRule walks the rule table: every rule is raised by some input,
// on a field the frame's field table emits, with its message rendered
// from its params; the header rules also stop the boundary search.
func TestEveryRule(t *testing.T) {
	inputs := ruleInputs(t)
	for _, r := range rules {
		i := slices.IndexFunc(inputs, func(in struct {
			id, field string
			in        []byte
			opts      Options
		}) bool {
			return in.id == r.ID && in.field == r.Field
		})
		if i < 0 {
			t.Errorf("rule %s on %s: no test input raises it", r.ID, r.Field)
			continue
		}
		in := inputs[i]
		res := DecodeBytes(in.in, Input{}, in.opts)
		found := false
		for _, f := range res.Frames {
			names := map[string]bool{}
			compressed := f.Message >= 0 && res.Messages[f.Message].Compressed || in.opts.Extension != nil
			for _, fl := range Fields(&f, compressed) {
				names[fl.Name] = true
			}
			for _, v := range f.Violations {
				if !names[v.Field] {
					t.Errorf("%s: field %q is not in the frame's field table", v.ID, v.Field)
				}
				if v.Message == "" || strings.ContainsAny(v.Message, "{}") && !strings.Contains(r.Message, "{detail}") {
					t.Errorf("%s: message %q is not rendered", v.ID, v.Message)
				}
				if v.ID == r.ID && v.Field == r.Field && v.RFC == r.RFC {
					found = true
					if got := render(r.Message, v.Params); got != v.Message {
						t.Errorf("%s: id + params render %q, not the message %q", v.ID, got, v.Message)
					}
				}
			}
		}
		if !found {
			t.Errorf("rule %s on %s: the input does not raise it", r.ID, r.Field)
		}
	}
	for _, rs := range [][]headerRule{headerRules, sideRules} {
		for _, hr := range rs {
			for _, in := range inputs {
				if in.id != hr.ID || in.field != hr.Field || hr.rule == ruleRsv1WithoutExt {
					continue // the search allows RSV1: an extension may give it a meaning
				}
				if plausibleRun(in.in, in.opts.From, true) {
					t.Errorf("%s: the boundary search takes a frame that breaks it", hr.ID)
				}
				if !hr.wholeHeader && CanStartFrame(in.in[:2], in.opts.From) {
					t.Errorf("%s: CanStartFrame accepts the first two bytes of a frame that breaks it", hr.ID)
				}
			}
		}
	}
}

// TestReadmeListsEveryRule: the README's list of violation ids is the table's.
func TestReadmeListsEveryRule(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := bytes.Cut(readme, []byte("Every violation has a stable id"))
	if !ok {
		t.Fatal(`README.md has no paragraph "Every violation has a stable id"`)
	}
	para, _, _ := bytes.Cut(after, []byte("\n\n"))
	var listed []string
	for _, m := range regexp.MustCompile("`([a-z0-9-]+)`").FindAllSubmatch(para, -1) {
		listed = append(listed, string(m[1]))
	}
	var ids []string
	for _, r := range rules {
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	if !slices.Equal(listed, ids) {
		t.Errorf("README lists\n%v\nthe table has\n%v", listed, ids)
	}
}

// TestPlausibleFrames: frames that keep the rules pass the boundary search
// and CanStartFrame.
func TestPlausibleFrames(t *testing.T) {
	key := []byte{1, 2, 3, 4}
	run := bytes.Join([][]byte{
		encodeFrame(true, 0, OpText, key, []byte("hi"), 0),
		encodeFrame(true, 4, OpText, key, make([]byte, 200), 16),
		encodeFrame(true, 0, OpPing, key, nil, 0),
	}, nil)
	if !plausibleRun(run, Client, false) || !CanStartFrame(run, Client) || !CanStartFrame(run[:1], Server) {
		t.Error("a client's run of valid frames is refused")
	}
	if plausibleRun(run, Server, false) || CanStartFrame(run, Server) {
		t.Error("masked frames are taken as the server's")
	}
	// A control frame whose 16-bit length has not arrived yet may still be
	// anything; once it has, it breaks a rule either way.
	if !CanStartFrame([]byte{0x89, 0x7e}, "") || CanStartFrame([]byte{0x89, 0x7e, 0, 100}, "") || CanStartFrame([]byte{0x89, 0x7e, 0, 200}, "") {
		t.Error("CanStartFrame on a ping with a 16-bit length")
	}
}

// TestSeedConstants: the seed's paste is its two frames, and its response
// accepts its request's key.
func TestSeedConstants(t *testing.T) {
	if got := string(unhex(t, SeedPaste)); got != SeedServerFrame+SeedClientFrame {
		t.Errorf("SeedPaste is % x", got)
	}
	h := ParseHandshake([]byte(SeedRequest), []byte(SeedResponse))
	if !h.AcceptValid || len(failed(h)) > 0 {
		t.Errorf("the seed handshake fails: %+v", h.Checks)
	}
}
