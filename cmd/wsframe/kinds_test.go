package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFilesThatAreNotCaptures: the command names a file it does not read
// (a PNG image, a key log given as the input, bytes that are not frames),
// exits 1 and lists no frames; raw frames whose payload is letters are
// read as frames.
func TestFilesThatAreNotCaptures(t *testing.T) {
	dir := t.TempDir()
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 300, 300)))
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	pngFile := write("screenshot.png", img.Bytes())
	keys := write("keys.txt", []byte("CLIENT_RANDOM "+strings.Repeat("3f2a", 16)+" "+strings.Repeat("ab", 48)+"\n"))
	noise := write("noise.bin", bytes.Repeat([]byte{0xf3, 0x7e, 0xff, 0x00, 0x13}, 400))
	for _, c := range []struct {
		file, want string
	}{
		{pngFile, "screenshot.png: byte 0: this is a PNG image, not a capture or WebSocket frames; wsframe reads pcap and pcapng captures"},
		{keys, "keys.txt: byte 0: this is a TLS key log (SSLKEYLOGFILE), not a capture: give it with -keylog beside the capture"},
		{noise, "noise.bin: byte 0: these bytes are not a capture and do not read as WebSocket frames (they start f3 7e ff 00 13 f3 7e ff …)"},
	} {
		for _, flags := range [][]string{nil, {"-stats"}} {
			out, errOut, code := runCLI(t, "", append(flags, c.file)...)
			if code != 1 || out != "" || !strings.Contains(errOut, c.want) {
				t.Errorf("%s %v: exit %d, out %q, err %q", filepath.Base(c.file), flags, code, out, errOut)
			}
		}
	}
	out, errOut, code := runCLI(t, "", "-json", pngFile)
	if code != 1 || !strings.Contains(out, `"refused": "png"`) || !strings.Contains(out, `"frames": []`) || errOut == "" {
		t.Errorf("-json png: exit %d, %s %s", code, out, errOut)
	}
	letters := write("letters.bin", append([]byte{0x81, 0x2b}, strings.Repeat("abcdefghijklmnopqrstuvwxyz", 2)[:43]...))
	out, errOut, code = runCLI(t, "", "-stats", letters)
	if code != 0 || !strings.Contains(out, "frames:      1 (43 payload bytes)") || errOut != "" {
		t.Errorf("letters: exit %d, %q %q", code, out, errOut)
	}
}

// TestStatsNeverOverflow: -stats adds the payload bytes that are there,
// not the lengths cut frames claim, so the sum never wraps round.
func TestStatsNeverOverflow(t *testing.T) {
	// Two binary frames, the second claiming 2^63-1 bytes (cut short).
	in := []byte{0x82, 0x03, 1, 2, 3, 0x82, 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 9, 9}
	p := filepath.Join(t.TempDir(), "cut.bin")
	os.WriteFile(p, in, 0o644)
	out, _, _ := runCLI(t, "", "-stats", p)
	if !strings.Contains(out, "frames:      2 (5 payload bytes)") {
		t.Errorf("stats:\n%s", out)
	}
}

// TestKeyLogFit: how a key log fits the capture's TLS connections, per
// connection and in one line: a key log for other sessions says so (with
// the client random), never the advice to give one.
func TestKeyLogFit(t *testing.T) {
	const dir = "../../testdata/captures/tls/"
	const pcap = dir + "t13-aes128gcm-deflate.pcap"
	out, _, _ := runCLI(t, "", "-color", "never", pcap)
	if !strings.Contains(out, "tls: 2 connections: 0 decrypted, 2 without their keys (give the key log written when it was recorded with -keylog)") ||
		!strings.Contains(out, "no key for this session: open the key log (SSLKEYLOGFILE)") {
		t.Errorf("no key log:\n%s", out)
	}
	out, _, _ = runCLI(t, "", "-color", "never", "-keylog", dir+"t12-chacha20.keys", pcap)
	if !strings.Contains(out, "tls: 2 connections: 0 decrypted, 2 without their keys\n") ||
		!strings.Contains(out, "no key for this session: the key log (2 sessions) has none for this one (client random ") ||
		strings.Contains(out, "open the key log") {
		t.Errorf("wrong key log:\n%s", out)
	}
	out, _, _ = runCLI(t, "", "-stats", "-keylog", dir+"t13-aes128gcm-deflate.keys", pcap)
	if !strings.Contains(out, "tls: 2 connections: 2 decrypted, 0 without their keys") {
		t.Errorf("right key log:\n%s", out)
	}
}

// TestHARNotes: a HAR entry with neither Sec-WebSocket-Key nor -Accept
// says so (not "key , accept ✗ does not match the key"), and opcodes that
// are not whole numbers from 0 to 15 are said, not taken for 1 or 0.
func TestHARNotes(t *testing.T) {
	entry := `{"request": {"method": "GET", "url": "wss://example.com/chat", "headers": [{"name": "Upgrade", "value": "websocket"}]},
 "response": {"status": 101, "headers": [{"name": "Upgrade", "value": "websocket"}]},
 "_webSocketMessages": [
  {"type": "receive", "time": 1.5, "opcode": 1e308, "data": "a"},
  {"type": "receive", "time": 1.6, "opcode": -5, "data": "b"},
  {"type": "send", "time": 1.7, "opcode": "2", "data": "c"},
  {"type": "send", "time": 1.8, "opcode": 1, "data": "d"}]}`
	p := filepath.Join(t.TempDir(), "entry.har")
	os.WriteFile(p, []byte(entry), 0o644)
	out, errOut, code := runCLI(t, "", "-color", "never", p)
	if !strings.Contains(out, "handshake: key (none), accept (none) ✗ neither header was sent: no Sec-WebSocket-Key, no Sec-WebSocket-Accept") {
		t.Errorf("handshake:\n%s", out)
	}
	for _, want := range []string{"its opcode 1e308 is not a whole number from 0 to 15; taken as text",
		"its opcode -5 is not a whole number from 0 to 15; taken as text", `its opcode "2" is not a whole number from 0 to 15`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("exit %d, no %q in\n%s", code, want, errOut)
		}
	}
	if strings.Count(errOut, "opcode") != 3 {
		t.Errorf("opcode 1 is taken without a word:\n%s", errOut)
	}
}

// TestRealFormsCommand: the command reads what the page reads: squeezed
// dumps, a paste with a bad digit (exit 1, nothing listed), a frame broken
// on purpose without the payload hint, and the hint's rules in words.
func TestRealFormsCommand(t *testing.T) {
	for _, f := range []string{"hexdump-C.txt", "od-tx1.txt", "od-Ax-tx1z.txt", "xxd-a.txt"} {
		out, errOut, code := runCLI(t, "", "-stats", "../../paste/testdata/squeeze/"+f)
		if code != 0 || !strings.Contains(out, "frames:      2 (98 payload bytes)") {
			t.Errorf("%s: exit %d, %q %q", f, code, out, errOut)
		}
	}
	out, errOut, code := runCLI(t, "81 0c 48 6z 6c")
	if code != 1 || out != "" || !strings.Contains(errOut, "'z' is not a hex digit") {
		t.Errorf("bad digit: exit %d, %q %q", code, out, errOut)
	}
	_, errOut, code = runCLI(t, "29 7e 00 05 68 65 6c 6c 6f")
	if code != 0 || strings.Contains(errOut, "payload") {
		t.Errorf("broken on purpose: exit %d, %q", code, errOut)
	}
	_, errOut, _ = runCLI(t, "29 7e 00 09 68 65 6c 6c 6f")
	if !strings.Contains(errOut, "frame 0 breaks 4 rules: a fragmented control frame, an RSV bit no extension defines") || strings.Contains(errOut, "control-fragmented") {
		t.Errorf("not frames: %q", errOut)
	}
}

// TestHARWithPagesCommand: a HAR whose entries come after 16 KB of pages
// is read as a HAR by the command too.
func TestHARWithPagesCommand(t *testing.T) {
	orig, err := os.ReadFile("../../testdata/har/ws-chromium-deflate.har")
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Repeat(`{"startedDateTime":"2026-11-29T14:41:04.557Z","id":"page_x","title":"a page title long enough to fill the head of the file","pageTimings":{}},`, 120)
	big := strings.Replace(string(orig), `"pages":[`, `"pages":[`+pages, 1)
	p := filepath.Join(t.TempDir(), "pages.har")
	os.WriteFile(p, []byte(big), 0o644)
	out, errOut, code := runCLI(t, "", "-color", "never", p)
	if code != 0 || !strings.HasPrefix(out, "har: ") || !strings.Contains(out, "7 frames, 7 messages") {
		t.Errorf("exit %d, %q\n%.300s", code, errOut, out)
	}
}
