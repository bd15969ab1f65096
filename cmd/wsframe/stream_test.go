package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
)

// TestCaptureJSONStreamed: -json of a capture, written frame by frame from
// the index, is byte for byte what encoding/json writes for the whole
// result, from a file and from standard input.
func TestCaptureJSONStreamed(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/captures/*.pcap*")
	more, _ := filepath.Glob("../../capture/testdata/*.pcap*")
	for _, name := range append(files, more...) {
		if filepath.Ext(name) == ".json" {
			continue
		}
		t.Run(filepath.Base(name), func(t *testing.T) {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			r := capture.Decode(b, kit.Options(decoder.Options{}))
			r.Messages = r.WithReadings(r.Messages, false) // as the command writes them
			enc.Encode(r)
			out, errOut, _ := runCLI(t, "", "-json", name)
			if out != want.String() {
				t.Fatalf("-json differs (stderr %s):\n%s", errOut, diffAt(want.String(), out))
			}
			in, _, _ := runCLI(t, string(b), "-json", "-")
			if in != want.String() {
				t.Fatalf("-json of standard input differs:\n%s", diffAt(want.String(), in))
			}
		})
	}
}

// TestCaptureConnFrame: -conn and -frame read what they show from the file.
func TestCaptureConnFrame(t *testing.T) {
	name := "../../testdata/captures/f-ws-ws-3conns-any-sll2.pcap"
	out, _, code := runCLI(t, "", "-color", "never", "-conn", "1", name)
	if code != 0 || !bytes.Contains([]byte(out), []byte("connection 1:")) || bytes.Contains([]byte(out), []byte("connection 0:")) {
		t.Fatalf("-conn 1 (exit %d):\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "-color", "never", "-frame", "3", name)
	if code != 0 || !bytes.Contains([]byte(out), []byte("frame 3")) {
		t.Fatalf("-frame 3 (exit %d):\n%s", code, out)
	}
	if _, errOut, code := runCLI(t, "", "-frame", "999", name); code != 2 || errOut == "" {
		t.Errorf("-frame 999: exit %d, %q", code, errOut)
	}
}

func diffAt(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-200)
	return "want …" + a[from:min(len(a), i+200)] + "\n got …" + b[from:min(len(b), i+200)]
}
