//go:build !js || full

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"slices"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

type filterOut struct {
	Frames, Messages []int
	Of               struct{ Frames, Messages int }
	Cost             string
	Problem          *struct {
		Column  int
		Message string
		Suggest []string
	}
	Error *struct{ Message string }
}

func filterJSON(t *testing.T, expr string, conn int) filterOut {
	t.Helper()
	var out filterOut
	s := runFilter(expr, conn, nil)
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		t.Fatalf("filter(%q): %v: %s", expr, err, s)
	}
	return out
}

// TestFilter: wsframe.filter over a paste, over a capture read into an
// index (and a file streamed like the page's), with the connection chosen
// in the list as one more test, and a wrong filter answered as a problem.
func TestFilter(t *testing.T) {
	decodeText(decoder.SeedPaste+"\n88 02 03 e8", options{})
	if out := filterJSON(t, "dir == server", -1); !slices.Equal(out.Frames, []int{0, 2}) || out.Of.Frames != 3 || out.Cost != "record" {
		t.Errorf("paste, dir == server: %+v", out)
	}
	if out := filterJSON(t, `text contains "bye"`, -1); !slices.Equal(out.Frames, []int{1}) || !slices.Equal(out.Messages, []int{1}) {
		t.Errorf("paste, text contains: %+v", out)
	}
	out := filterJSON(t, "opcode == close and lenn > 1", -1)
	if out.Problem == nil || out.Problem.Column != 21 || out.Problem.Suggest[0] != "len" || len(out.Frames) != 0 {
		t.Errorf("a wrong filter: %+v", out.Problem)
	}

	b, err := os.ReadFile("../testdata/captures/f-ws-ws-3conns-any-sll2.pcap")
	if err != nil {
		t.Fatal(err)
	}
	for _, how := range []string{"bytes", "stream"} {
		if how == "bytes" {
			decodeCaptureBytes(b, options{})
		} else {
			decodeStream(func() io.Reader { return bytes.NewReader(b) }, bytes.NewReader(b), int64(len(b)), options{}, nil)
		}
		var conn1 []int
		json.Unmarshal([]byte(index("frames", 1)), &conn1)
		all := filterJSON(t, "", 1)
		if !slices.Equal(all.Frames, conn1) {
			t.Errorf("%s: the empty filter on connection 1 gives %v, index() %v", how, all.Frames, conn1)
		}
		text := filterJSON(t, "opcode == text", 1)
		for _, i := range text.Frames {
			if !slices.Contains(conn1, i) {
				t.Errorf("%s: frame %d is not on connection 1", how, i)
			}
		}
		if len(text.Frames) == 0 || len(text.Frames) >= len(conn1) || text.Of.Frames != view.Index().Frames() {
			t.Errorf("%s: opcode == text on connection 1: %+v", how, text)
		}
	}
	var fields []filterField
	if err := json.Unmarshal([]byte(filterFields()), &fields); err != nil || len(fields) < 20 || fields[0].Name != "frame" {
		t.Errorf("filterFields: %v %+v", err, fields)
	}
}
