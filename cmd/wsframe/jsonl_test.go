package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
)

// TestJSONLAgainstJSON: -jsonl, parsed line by line, holds the frames and
// messages -json holds (the same objects, each with its kind), the
// connections as they opened, and an end line; with and without -filter.
func TestJSONLAgainstJSON(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/captures/*.pcap*")
	files = append(files, "../../testdata/dumps/seed-client.xxd.txt")
	for _, file := range files {
		for _, expr := range []string{"", "opcode == text or opcode == close", `text contains "e"`} {
			args := []string{"-color", "never"}
			if expr != "" {
				args = append(args, "-filter", expr)
			}
			var whole, lines, stderr bytes.Buffer
			if code := run(append(append([]string{"-json"}, args...), file), nil, &whole, &stderr); code > 1 {
				t.Fatalf("%s -json: exit %d: %s", file, code, stderr.String())
			}
			var want struct {
				Connections []map[string]any `json:"connections"`
				Frames      []map[string]any `json:"frames"`
				Messages    []map[string]any `json:"messages"`
				Errors      []any            `json:"errors"`
			}
			if err := json.Unmarshal(whole.Bytes(), &want); err != nil {
				t.Fatalf("%s -json: %v", file, err)
			}
			stderr.Reset()
			if code := run(append(append([]string{"-jsonl"}, args...), file), nil, &lines, &stderr); code > 1 {
				t.Fatalf("%s -jsonl: exit %d: %s", file, code, stderr.String())
			}
			got := map[string][]map[string]any{}
			sc := bufio.NewScanner(&lines)
			sc.Buffer(nil, 64<<20)
			n := 0
			for sc.Scan() {
				n++
				var obj map[string]any
				if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
					t.Fatalf("%s -jsonl line %d is not JSON: %v: %.200s", file, n, err, sc.Text())
				}
				kind, _ := obj["kind"].(string)
				delete(obj, "kind")
				got[kind] = append(got[kind], obj)
			}
			name := filepath.Base(file) + " " + expr
			if len(got["end"]) != 1 {
				t.Fatalf("%s: %d end lines, want 1", name, len(got["end"]))
			}
			byIndex := func(list []map[string]any) {
				sort.Slice(list, func(i, j int) bool { return list[i]["index"].(float64) < list[j]["index"].(float64) })
			}
			byIndex(got["frame"])
			byIndex(got["message"])
			// A protocol read as a stream across messages (MQTT) is read
			// whole only once the connection has been read: -jsonl writes
			// each message as it is decided, before the packets it begins
			// are complete, so its reading is the message's own.
			for i, m := range want.Messages {
				if rd, ok := m["reading"].(map[string]any); ok && rd["by"] == "stream" && i < len(got["message"]) {
					if g, ok := got["message"][i]["reading"].(map[string]any); !ok || g["protocol"] != rd["protocol"] {
						t.Errorf("%s: message %v read as %v by -jsonl, %v by -json", filepath.Base(file), m["index"], got["message"][i]["reading"], rd["protocol"])
					}
					delete(m, "reading")
					delete(got["message"][i], "reading")
				}
			}
			if !reflect.DeepEqual(norm(got["frame"]), norm(want.Frames)) {
				t.Errorf("%s: -jsonl has %d frames, -json %d; they differ", name, len(got["frame"]), len(want.Frames))
				diff(t, got["frame"], want.Frames)
			}
			if !reflect.DeepEqual(norm(got["message"]), norm(want.Messages)) {
				t.Errorf("%s: -jsonl has %d messages, -json %d; they differ", name, len(got["message"]), len(want.Messages))
				diff(t, got["message"], want.Messages)
			}
			if len(got["connection"]) != len(want.Connections) {
				t.Errorf("%s: -jsonl has %d connections, -json %d", name, len(got["connection"]), len(want.Connections))
			}
			for i, c := range got["connection"] {
				if i < len(want.Connections) && (c["client"] != want.Connections[i]["client"] || !reflect.DeepEqual(c["handshake"], want.Connections[i]["handshake"])) {
					t.Errorf("%s: connection %d differs: %v vs %v", name, i, c["client"], want.Connections[i]["client"])
				}
			}
			if end := got["end"][0]; int(end["frames"].(float64)) != len(want.Frames) {
				t.Errorf("%s: the end line counts %v frames, -json has %d", name, end["frames"], len(want.Frames))
			}
		}
	}
}

// norm makes nil and empty lists alike.
func norm(list []map[string]any) []map[string]any {
	if len(list) == 0 {
		return nil
	}
	return list
}

// diff logs the first object that differs.
func diff(t *testing.T, got, want []map[string]any) {
	for i := range min(len(got), len(want)) {
		for k := range want[i] {
			if !reflect.DeepEqual(got[i][k], want[i][k]) {
				a, _ := json.Marshal(got[i][k])
				b, _ := json.Marshal(want[i][k])
				t.Logf("first difference, #%d %q:\n-jsonl %.300s\n-json  %.300s", i, k, a, b)
				return
			}
		}
	}
}
