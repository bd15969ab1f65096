package jsonenc_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/jsonenc"
)

// TestMatchesEncodingJSON: the small encoder the page uses writes the very
// bytes encoding/json writes, for every golden input of the decoder.
func TestMatchesEncodingJSON(t *testing.T) {
	files, _ := filepath.Glob("../../decoder/testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no golden inputs in ../../decoder/testdata")
	}
	for _, name := range files {
		text, _ := os.ReadFile(name)
		r := decoder.Decode(text, decoder.Options{})
		checkSame(t, name, r)
		checkSame(t, name+" preview", decoder.Preview(r, 3))
	}
	sio := "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n81 05 34 32 5b 5d 31\n"
	checkSame(t, "socket.io", decoder.Decode([]byte(sio), decoder.Options{}))
	at := decoder.StampOf(time.Date(2012, 12, 15, 0, 36, 0, 123456789, time.UTC))
	seven := 7
	checkSame(t, "capture-like", &decoder.Result{
		Frames:      []decoder.Frame{{Time: &at, Packet: 3, Connection: &seven, MaskKey: decoder.Hex{1, 2, 3, 4}}},
		Connections: []decoder.Connection{{Gaps: []decoder.Gap{{From: decoder.Client, Bytes: 5}}}},
	})
	checkSame(t, "odd strings", map[string]any{
		"html": "<img src=x onerror=alert(1)>&", "ctl": "\x00\x01\t\n\r\x1f\x7f", "bad": "a\xffb\xc3", "seps": "\u2028\u2029",
		"quote": `"\`, "emoji": "😀", "float": 1.5, "neg": -3, "bytes": []byte{1, 2, 3, 4, 5}, "nil": nil,
		"f32": float32(0.1), "tiny": 1e-9, "huge": 1e22, "arr": [2]int{1, 2},
		"steps": []decoder.UnmaskStep{{I: 1, Masked: 0xd2, Char: "G"}}, "fields": []decoder.Field{{Name: "websocket.fin"}},
	})
	checkSame(t, "marshalers", []any{own{"a <b>"}, &own{"c"}, (*own)(nil), ptrOwn{"d"}, &ptrOwn{"e"}, struct{ P ptrOwn }{ptrOwn{"f"}}})
}

// own writes itself with white space and HTML characters, which
// encoding/json compacts and escapes.
type own struct{ s string }

func (o own) MarshalJSON() ([]byte, error) {
	return []byte(`{ "own" : ` + string(mustJSON(o.s)) + ` , "n": [1, 2] }`), nil
}

// ptrOwn has its method on the pointer: used only where addressable.
type ptrOwn struct{ s string }

func (o *ptrOwn) MarshalJSON() ([]byte, error) { return mustJSON("ptr " + o.s), nil }

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// TestErrors: where encoding/json fails, so does Append, and dst comes back
// as it was.
func TestErrors(t *testing.T) {
	bad := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, v := range map[string]any{
		"year 10000": struct{ T *time.Time }{&bad},
		"NaN":        []float64{1, math.NaN()},
		"channel":    map[string]any{"c": make(chan int)},
	} {
		if _, err := json.Marshal(v); err == nil {
			t.Fatalf("%s: encoding/json accepts it", name)
		}
		dst := []byte("keep")
		got, err := jsonenc.Append(dst, v)
		if err == nil || string(got) != "keep" {
			t.Errorf("%s: Append = %q, %v; want an error and dst unchanged", name, got, err)
		}
	}
}

// FuzzAppend compares the two encoders on whatever the decoder makes of
// arbitrary input.
func FuzzAppend(f *testing.F) {
	files, _ := filepath.Glob("../../decoder/testdata/*.txt")
	for _, name := range files {
		b, _ := os.ReadFile(name)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		checkSame(t, "fuzz", decoder.Decode(text, decoder.Options{}))
	})
}

func checkSame(t *testing.T, name string, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	got, err := jsonenc.Append(nil, v)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: Append differs from encoding/json\n got: %s\nwant: %s", name, got, want)
	}
}
