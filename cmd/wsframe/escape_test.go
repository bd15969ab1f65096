package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/inspect"
)

// hostile is text a capture may carry to take over a terminal: set the
// window title, write the clipboard (OSC 52), clear the screen (CSI in
// its 7-bit and C1 forms), then reverse what follows and hide a character.
const hostile = "\x1b]0;owned\x07\x1b]52;c;ZWNobyBvd25lZA==\x07\x1b[2J\u009b2J\u202eexe.pdf\u200b"

// rawIPv4TCP wraps one TCP segment (flags PSH|ACK) in an IPv4 header.
func rawIPv4TCP(src, dst [4]byte, sport, dport uint16, seq, ack uint32, payload []byte) []byte {
	ip := make([]byte, 40, 40+len(payload))
	ip[0], ip[8], ip[9] = 0x45, 64, 6
	binary.BigEndian.PutUint16(ip[2:], uint16(40+len(payload)))
	copy(ip[12:], src[:])
	copy(ip[16:], dst[:])
	t := ip[20:]
	binary.BigEndian.PutUint16(t[0:], sport)
	binary.BigEndian.PutUint16(t[2:], dport)
	binary.BigEndian.PutUint32(t[4:], seq)
	binary.BigEndian.PutUint32(t[8:], ack)
	t[12], t[13] = 5<<4, 0x18
	binary.BigEndian.PutUint16(t[14:], 65535)
	return append(ip, payload...)
}

// pcapRaw writes packets as a pcap file of link type 101 (raw IP).
func pcapRaw(pkts [][]byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, 0xa1b2c3d4)
	b = binary.LittleEndian.AppendUint16(b, 2)
	b = binary.LittleEndian.AppendUint16(b, 4)
	b = binary.LittleEndian.AppendUint64(b, 0)
	b = binary.LittleEndian.AppendUint32(b, 65535)
	b = binary.LittleEndian.AppendUint32(b, 101)
	for i, p := range pkts {
		b = binary.LittleEndian.AppendUint32(b, uint32(1700000000+i))
		b = binary.LittleEndian.AppendUint32(b, 0)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(p)))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(p)))
		b = append(b, p...)
	}
	return b
}

// hostileCapture is a Socket.IO connection whose every printed field
// carries the hostile text: request target, key, version, extensions,
// subprotocol, accept, a header line that is not one, a namespace, an
// event name, a text message and a close reason.
func hostileCapture() []byte {
	h := hostile
	req := "GET /socket.io/?EIO=4&transport=websocket&x=" + h + " HTTP/1.1\r\n" +
		"Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: " + h + "dGhlIHNhbXBsZSBub25jZQ==\r\n" +
		"Sec-WebSocket-Version: 13" + h + "\r\n" +
		"Sec-WebSocket-Protocol: chat" + h + "\r\n" +
		"Sec-WebSocket-Extensions: x-" + h + "; a=" + h + "\r\n" +
		"Not a header " + h + "\r\n\r\n"
	resp := "HTTP/1.1 101 Switching " + h + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: " + h + "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
		"Sec-WebSocket-Protocol: chat" + h + "\r\n" +
		"Sec-WebSocket-Extensions: x-" + h + "\r\n\r\n"
	frame := func(op byte, p string) []byte {
		return append([]byte{0x80 | op, byte(len(p))}, p...)
	}
	masked := func(op byte, p string) []byte {
		key := []byte{1, 2, 3, 4}
		b := append([]byte{0x80 | op, 0x80 | byte(len(p))}, key...)
		for i := 0; i < len(p); i++ {
			b = append(b, p[i]^key[i&3])
		}
		return b
	}
	var srv []byte
	srv = append(srv, resp...)
	srv = append(srv, frame(1, "0{\"sid\":\""+h+"\"}")...)
	srv = append(srv, frame(1, "42/"+h+",[\"ev"+h+"\",\""+h+"\"]")...)
	srv = append(srv, frame(8, "\x03\xe8"+h)...)
	cli := append([]byte(req), masked(1, "40/"+h+",")...)
	c, s := [4]byte{10, 0, 0, 1}, [4]byte{10, 0, 0, 2}
	return pcapRaw([][]byte{
		rawIPv4TCP(c, s, 40000, 80, 1000, 5000, cli),
		rawIPv4TCP(s, c, 80, 40000, 5000, 1000+uint32(len(cli)), srv),
	})
}

// sgr matches the colour codes the command writes itself.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// checkTerminalSafe fails on anything in out that a terminal would act on
// or that would hide or reorder text: control characters but the line
// ends, C1 controls, DEL, format characters, bytes that are not UTF-8.
func checkTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	out = sgr.ReplaceAllString(out, "")
	for i, r := range out {
		if r == '\n' {
			continue
		}
		if r == utf8.RuneError || decoder.Invisible(r) {
			line := out[strings.LastIndexByte(out[:i], '\n')+1:]
			if k := strings.IndexByte(line, '\n'); k >= 0 {
				line = line[:k]
			}
			t.Fatalf("%s: %U at byte %d, in the line %+q", what, r, i, line)
		}
	}
}

// TestTerminalEscapes: a capture with control and bidi characters in every
// field the command prints shows them as marks, never as themselves, in
// every view and in colour too; errors that quote the input as well.
func TestTerminalEscapes(t *testing.T) {
	file := filepath.Join(t.TempDir(), "hostile.pcap")
	if err := os.WriteFile(file, hostileCapture(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-handshake", "-list", "off", "-steps", "-1"},
		{"-handshake", "-list", "on"},
		{"-handshake", "-color", "always", "-steps", "-1", "-list", "off"},
		{"-stats"},
		{"-frame", "1"},
	} {
		out, errOut, _ := runCLI(t, "", append(args, file)...)
		checkTerminalSafe(t, strings.Join(args, " ")+" stdout", out)
		checkTerminalSafe(t, strings.Join(args, " ")+" stderr", errOut)
		if args[0] == "-handshake" && !strings.Contains(out, "⟨U+001B⟩]0;owned⟨U+0007⟩") {
			t.Errorf("%v: the handshake's values are not shown with marks:\n%s", args, out)
		}
	}
	out, _, code := runCLI(t, "", "-handshake", "-color", "never", "-list", "off", file)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	// Each field once with its marks (the key, in the accept steps too).
	for _, want := range []string{"key ⟨U+001B⟩]0;owned", "accept ⟨U+001B⟩]0;owned", "key + GUID   ⟨U+001B⟩",
		"server sent  ⟨U+001B⟩", "extensions: x-⟨U+001B⟩", "subprotocol: chat⟨U+001B⟩", "⟨U+009B⟩2J⟨U+202E⟩exe.pdf⟨U+200B⟩"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// -json: the same value, with nothing a terminal would act on.
	js, _, code := runCLI(t, "", "-json", file)
	if code != 0 {
		t.Fatalf("-json: exit %d", code)
	}
	checkTerminalSafe(t, "-json", js)
	var v struct {
		Connections []struct{ Handshake struct{ Key string } }
	}
	if err := json.Unmarshal([]byte(js), &v); err != nil || len(v.Connections) != 1 || !strings.HasPrefix(v.Connections[0].Handshake.Key, hostile) {
		t.Errorf("-json does not carry the key as it was: %v %+v", err, v)
	}
	// A pasted text cannot hold an ESC (it would read as raw bytes), but C1
	// and bidi controls are valid UTF-8: errors quoting them mark them too.
	_, errOut, code := runCLI(t, "81 0c zz\u009b[2J\u202e", "-color", "never")
	if code != 1 || errOut == "" {
		t.Fatalf("bad paste: exit %d, %q", code, errOut)
	}
	checkTerminalSafe(t, "paste errors", errOut)
}

// TestNoViewForBadPaste: a paste with an error prints only the error, and
// builds no diagrams to throw away: running the command costs about what
// the decode does.
func TestNoViewForBadPaste(t *testing.T) {
	text := "8z\n" + strings.Repeat("81 05 48 65 6c 6c 6f\n", 20000)
	measure := func(f func()) uint64 {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		f()
		runtime.ReadMemStats(&b)
		return b.TotalAlloc - a.TotalAlloc
	}
	dec := measure(func() { inspect.Decode([]byte(text), decoder.Options{}) })
	var code int
	cmd := measure(func() { _, _, code = runCLI(t, text, "-steps", "-1") })
	t.Logf("decode %d bytes, command %d bytes", dec, cmd)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	if cmd > dec+dec/2+1<<20 {
		t.Errorf("the command allocated %d bytes where the decode takes %d: it builds output it does not print", cmd, dec)
	}
}

// TestBidiInPayload: "invoice\u202efdp.exe" in a frame never reaches the
// terminal as a bidi control (it would read "invoiceexe.pdf").
func TestBidiInPayload(t *testing.T) {
	p := []byte("invoice\u202efdp.exe \u200b")
	in := fmt.Sprintf("81 %02x % x", len(p), p)
	for _, args := range [][]string{{"-steps", "-1"}, {"-list", "on"}, {"-json"}} {
		out, errOut, code := runCLI(t, in, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		checkTerminalSafe(t, fmt.Sprint(args), out)
		if !strings.Contains(out, `invoice\u202efdp.exe`) {
			t.Errorf("%v: the payload is not shown escaped:\n%s", args, out)
		}
	}
}

// TestJSONForTerminal: invisible characters become \uXXXX escapes
// (surrogate pairs past U+FFFF), line ends, printable text and bytes that
// are not UTF-8 stay, and the result is what reading rune by rune gives,
// for every character up to U+3000 and a few past, alone and in text.
func TestJSONForTerminal(t *testing.T) {
	for in, want := range map[string]string{
		"{\n  \"a\": 1\n}":        "{\n  \"a\": 1\n}",
		"a\x7fb":                  `a\u007fb`,
		"x\u009b[2J":              `x\u009b[2J`,
		"\u202eab\u200b":          `\u202eab\u200b`,
		"\t":                      `\u0009`,
		"é\xff\u2028":             "é\xff" + `\u2028`,
		"tag \U000E0001 end\n":    `tag \udb40\udc01 end` + "\n",
		"":                        "",
		"plain ASCII, no escape.": "plain ASCII, no escape.",
	} {
		if got := string(jsonForTerminal([]byte(in))); got != want {
			t.Errorf("jsonForTerminal(%q) = %q, want %q", in, got, want)
		}
	}
	byRune := func(b []byte) []byte {
		var out []byte
		for i := 0; i < len(b); {
			r, n := utf8.DecodeRune(b[i:])
			if r == '\n' || !decoder.Invisible(r) {
				out = append(out, b[i:i+n]...)
			} else {
				for _, u := range utf16.Encode([]rune{r}) {
					out = append(out, '\\', 'u', lowerHex[u>>12], lowerHex[u>>8&15], lowerHex[u>>4&15], lowerHex[u&15])
				}
			}
			i += n
		}
		return out
	}
	for r := rune(0); r < 0x3000; r++ {
		for _, s := range []string{string(r), "ab " + string(r) + " cd", string(r) + "\n\u202e"} {
			if got, want := jsonForTerminal([]byte(s)), byRune([]byte(s)); !bytes.Equal(got, want) {
				t.Fatalf("jsonForTerminal(%q) = %q, want %q", s, got, want)
			}
		}
	}
}
