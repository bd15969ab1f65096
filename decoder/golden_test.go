package decoder

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/internal/golden"
)

// TestGolden decodes each testdata/NAME.txt and compares the contract's JSON
// with testdata/NAME.json. Run `go test ./decoder -update` to rewrite them
// after a deliberate change, and read the diff.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) < 5 {
		t.Fatalf("found %d golden inputs in testdata", len(files))
	}
	for _, in := range files {
		name := strings.TrimSuffix(filepath.Base(in), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(Decode(text, Options{}), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, strings.TrimSuffix(in, ".txt")+".json", got)
		})
	}
}

// TestSeedContract checks the seed's result field by field against the
// example of docs/contract.md.
func TestSeedContract(t *testing.T) {
	text, _ := os.ReadFile("testdata/seed.txt")
	b, _ := json.Marshal(Decode(text, Options{}))
	var r map[string]any
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	input := r["input"].(map[string]any)
	if r["version"] != 1.0 || input["kind"] != "hex" || input["bytes"] != 29.0 {
		t.Errorf("version %v, input %v", r["version"], input)
	}
	f := r["frames"].([]any)[1].(map[string]any)
	want := map[string]any{
		"index": 1.0, "from": "client", "offset": 14.0, "fin": true, "rsv1": false, "rsv2": false, "rsv3": false,
		"opcode": 1.0, "masked": true, "mask_key": "9539ffdd", "payload_length": 9.0, "payload": "476f6f64206279652e",
	}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("frames[1].%s = %v, want %v", k, f[k], v)
		}
	}
	if _, ok := f["connection"]; ok {
		t.Errorf("frames[1].connection is present for pasted bytes")
	}
	if v, ok := f["violations"].([]any); !ok || len(v) != 0 {
		t.Errorf("frames[1].violations = %v, want []", f["violations"])
	}
	if _, ok := r["frames"].([]any)[0].(map[string]any)["mask_key"]; ok {
		t.Errorf("frames[0].mask_key is present on an unmasked frame")
	}
	m := r["messages"].([]any)[1].(map[string]any)
	for k, v := range map[string]any{"index": 1.0, "from": "client", "opcode": 1.0, "compressed": false,
		"data": "476f6f64206279652e", "text": "Good bye."} {
		if m[k] != v {
			t.Errorf("messages[1].%s = %v, want %v", k, m[k], v)
		}
	}
	if fr := m["frames"].([]any); len(fr) != 1 || fr[0] != 1.0 {
		t.Errorf("messages[1].frames = %v", fr)
	}
	if e, ok := r["errors"].([]any); !ok || len(e) != 0 {
		t.Errorf("errors = %v, want []", r["errors"])
	}
	if c, ok := r["connections"].([]any); !ok || len(c) != 0 {
		t.Errorf("connections = %v, want []", r["connections"])
	}
}
