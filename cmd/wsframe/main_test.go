package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/internal/golden"
)

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// TestTerminalView compares the terminal view of each decoder golden input
// with cmd/wsframe/testdata/NAME.out (rewrite with -update).
func TestTerminalView(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"seed", []string{"../../decoder/testdata/seed.txt"}},
		{"seed-frame1-allsteps", []string{"-frame", "1", "-steps", "-1", "../../decoder/testdata/seed.txt"}},
		{"rfc6455-5.7", []string{"../../decoder/testdata/rfc6455-5.7.txt"}},
		{"violations", []string{"../../decoder/testdata/violations.txt"}},
		{"violations-stats", []string{"-stats", "../../decoder/testdata/violations.txt"}},
		{"len16", []string{"-steps", "0", "testdata/len16.txt"}},
		{"len64", []string{"-steps", "0", "testdata/len64.txt"}},
		{"handshake-deflate", []string{"-handshake", "../../decoder/testdata/handshake-deflate.txt"}},
		{"seed-with-handshake", []string{"-steps", "0", "../../decoder/testdata/seed-with-handshake.txt"}},
		{"capture-list", []string{"../../testdata/captures/f-ws-ws-3conns-any-sll2.pcap"}},
		{"capture-frame", []string{"-frame", "2", "../../testdata/captures/b-ws-chromium-deflate-lo4.pcapng"}},
		{"capture-socketio", []string{"../../testdata/captures/h-socketio-node-lo4.pcap"}},
		{"capture-stats", []string{"-stats", "../../testdata/captures/d-gorilla-ws-fragments-lengths-lo4.pcapng"}},
		{"tls-nokeys", []string{"../../testdata/captures/tls/t13-aes256gcm.pcap"}},
		{"tls-keylog", []string{"-keylog", "../../testdata/captures/tls/t12-aes128cbc-sha256-py.keys", "../../testdata/captures/tls/t12-aes128cbc-sha256-py.pcap"}},
		{"protocol-socketio09", []string{"-protocol", "socket.io", "-frame", "0", "-steps", "0", "testdata/sio09.txt"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "", append([]string{"-color", "never"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden.Check(t, filepath.Join("testdata", c.name+".out"), []byte(out))
		})
	}
}

// TestProtocolFlag: -protocol takes a protocol name, auto or none.
func TestProtocolFlag(t *testing.T) {
	if _, errOut, code := runCLI(t, "", "-protocol", "xml", "testdata/sio09.txt"); code != 2 || !strings.Contains(errOut, "-protocol is \"xml\"") {
		t.Errorf("-protocol xml: exit %d, %q", code, errOut)
	}
	out, _, code := runCLI(t, "", "-color", "never", "-protocol", "none", "testdata/sio09.txt")
	if code != 0 || strings.Contains(out, "[socket.io") {
		t.Errorf("-protocol none: exit %d\n%s", code, out)
	}
}

// TestJSONIsTheContract: -json prints the decoder's golden JSON, the same
// the page's decode() returns.
func TestJSONIsTheContract(t *testing.T) {
	for _, name := range []string{"seed", "violations", "seed.xxd"} {
		out, _, code := runCLI(t, "", "-json", "../../decoder/testdata/"+name+".txt")
		want, err := os.ReadFile("../../decoder/testdata/" + name + ".json")
		if err != nil || code != 0 {
			t.Fatalf("%s: exit %d, %v", name, code, err)
		}
		if compact(t, out) != compact(t, string(want)) {
			t.Errorf("%s: -json differs from decoder/testdata/%s.json", name, name)
		}
	}
}

func compact(t *testing.T, s string) string {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestStdin reads standard input, with and without "-".
func TestStdin(t *testing.T) {
	for _, args := range [][]string{{"-json"}, {"-json", "-"}} {
		out, _, code := runCLI(t, "gYmVOf/d0laQubVbhri7", args...)
		if code != 0 || !strings.Contains(out, `"text": "Good bye."`) || !strings.Contains(out, `"kind": "base64"`) {
			t.Errorf("%v: exit %d, %s", args, code, out)
		}
	}
}

// TestBadInput: an unreadable input prints nothing on stdout, says where
// the problem is on stderr and exits 1.
func TestBadInput(t *testing.T) {
	out, errOut, code := runCLI(t, "81 0c\nzz")
	if code != 1 || out != "" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	if !strings.Contains(errOut, "line 2, column 1 (byte 6): 'z' is not a hex digit") {
		t.Errorf("stderr = %q", errOut)
	}
	_, errOut, code = runCLI(t, "", "no-such-file.pcap")
	if code != 1 || !strings.Contains(errOut, "no-such-file.pcap") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
	_, errOut, code = runCLI(t, "", "-from", "middle", "x")
	if code != 2 || !strings.Contains(errOut, "use client or server") {
		t.Errorf("bad -from: exit %d, %q", code, errOut)
	}
}

// TestFromFlag checks direction rules on pasted frames when the sender is declared.
func TestFromFlag(t *testing.T) {
	out, _, _ := runCLI(t, "81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64", "-json", "-from", "client")
	if !strings.Contains(out, `"id": "client-unmasked"`) {
		t.Errorf("an unmasked frame declared the client's should break the masking rule:\n%s", out)
	}
}

// TestHelp explains the flags with examples.
func TestHelp(t *testing.T) {
	_, errOut, code := runCLI(t, "", "-h")
	if code != 0 || !strings.Contains(errOut, "Examples:") || !strings.Contains(errOut, "-json") || !strings.Contains(errOut, "-stats") {
		t.Errorf("exit %d, help:\n%s", code, errOut)
	}
}

// TestKeyLogFlag: a key log that cannot be read is a wrong flag (exit 2);
// one with bad lines decodes what it can and exits 1 with the line.
func TestKeyLogFlag(t *testing.T) {
	const pcap = "../../testdata/captures/tls/t13-aes256gcm.pcap"
	if _, errOut, code := runCLI(t, "", "-keylog", "no/such/file", pcap); code != 2 || !strings.Contains(errOut, "-keylog: open no/such/file") {
		t.Errorf("missing key log: exit %d, %q", code, errOut)
	}
	bad := filepath.Join(t.TempDir(), "keys.txt")
	os.WriteFile(bad, []byte("CLIENT_RANDOM 00\n"), 0o644)
	if _, errOut, code := runCLI(t, "", "-keylog", bad, pcap); code != 1 || !strings.HasSuffix(errOut, "keys.txt: key log line 1, column 17: CLIENT_RANDOM has 2 field(s); expected LABEL CLIENT_RANDOM SECRET\n") {
		t.Errorf("bad key log: exit %d, %q", code, errOut)
	}
}

// TestInputsIssue12: a HAR file given to the command, a DevTools payload
// with its hint and -as, and empty input.
func TestInputsIssue12(t *testing.T) {
	out, errOut, code := runCLI(t, "", "-color", "never", "../../testdata/har/ws-chromium-deflate.har")
	if code != 0 || !strings.Contains(out, "har: 6823 bytes, 7 frames, 7 messages") || !strings.Contains(out, "not frame bytes") ||
		!strings.Contains(out, "client browser ⇄ server ws://127.0.0.1:9012/chat") || !strings.Contains(out, "reconstructed") {
		t.Errorf("HAR: exit %d, %s\n%s", code, errOut, out)
	}
	_, errOut, code = runCLI(t, `{"type":"chat","text":"hi"}`)
	if code != 1 || !strings.Contains(errOut, "looks like a JSON message payload as DevTools shows it") || !strings.Contains(errOut, "wsframe -as text -") {
		t.Errorf("JSON payload: exit %d, %q", code, errOut)
	}
	out, _, code = runCLI(t, `{"type":"chat","text":"hi"}`, "-json", "-as", "text")
	if code != 0 || !strings.Contains(out, `"text": "{\"type\":\"chat\",\"text\":\"hi\"}"`) || !strings.Contains(out, `"reconstructed": true`) {
		t.Errorf("-as text: exit %d, %s", code, out)
	}
	for _, in := range []string{"", " \n\t\n"} {
		out, errOut, code = runCLI(t, in)
		if code != 1 || out != "" || !strings.Contains(errOut, "the input is empty") {
			t.Errorf("empty input %q: exit %d, %q %q", in, code, out, errOut)
		}
	}
	if _, _, code = runCLI(t, "x", "-as", "json"); code != 2 {
		t.Errorf("-as json: exit %d", code)
	}
}

// zeros is an endless input, as /dev/zero or a pipe that never ends is.
type zeros struct{ read int64 }

func (z *zeros) Read(p []byte) (int, error) {
	clear(p)
	z.read += int64(len(p))
	return len(p), nil
}

// TestEndlessInputs: an input that never ends (not a regular file) and a
// key log that never ends are read up to a stated limit, named in the
// error, and no further (-stats /dev/zero reached 8.6 GB, -keylog
// /dev/zero 4.6 GB).
func TestEndlessInputs(t *testing.T) {
	z := &zeros{}
	var out, errOut bytes.Buffer
	code := run([]string{"-stats"}, z, &out, &errOut)
	if code != 1 || out.Len() != 0 || !strings.Contains(errOut.String(), "wsframe: -: the input, read as text or raw frames, is longer than the 32 MiB the command reads of it") {
		t.Errorf("endless stdin: exit %d, %q", code, errOut.String())
	}
	if z.read > maxTextInput+2<<20 {
		t.Errorf("read %d bytes of an endless input", z.read)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		_, e, code := runCLI(t, "", "-keylog", "/dev/zero", "../../testdata/captures/tls/t13-aes256gcm.pcap")
		if code != 2 || !strings.Contains(e, "-keylog: /dev/zero is longer than the 16 MiB the command reads of it; a key log holds a few lines a connection") {
			t.Errorf("endless key log: exit %d, %q", code, e)
		}
	}
}
