//go:build !js

package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/wsframe/wsframe/decoder"
)

// main natively writes the page's first view, which `make build` puts
// next to the page (web/first-view.json):
//
//	go run ./wasm -first-view web/first-view.json
//
// It is the seed exchange as the page first shows it: the paste, the
// result of decode(seed, options), the frame the page opens (want) and the
// detail of each frame, frame(i, options): the very JSON this program
// answers the worker for them, with the page's options for a first visit
// (web/pastemode.js options(), web/frameview.js openFrame). The page draws
// it at once, before the decoder has arrived (web/firstview.js), and the
// decoder takes over; e2e/first-view-file.test.js checks that the two agree.
func main() {
	if len(os.Args) != 3 || os.Args[1] != "-first-view" {
		fmt.Fprintln(os.Stderr, "wasm: build with GOOS=js GOARCH=wasm (make build); natively it only writes the page's first view: go run ./wasm -first-view FILE")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[2], firstView(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "wasm:", err)
		os.Exit(1)
	}
}

// The page's options for a first visit: its paste options (options() in
// web/pastemode.js, with the protocol menu on "auto"), the frame it opens, and
// the options openFrame asks a frame's detail with.
var (
	firstOptions      = options{Preview: 256, Rows: 2000, Protocol: "auto"}
	firstFrame        = 1
	firstFrameOptions = options{Steps: 1024, MaxBytes: 65536 + 14}
)

// firstView is the page's first view as JSON: {text, want, result, frames}.
func firstView() []byte {
	result := decodeText(decoder.SeedPaste, firstOptions)
	var r struct{ Frames []json.RawMessage }
	if err := json.Unmarshal([]byte(result), &r); err != nil {
		panic(err) // the decoder's answers are JSON
	}
	var details []json.RawMessage
	for i := range r.Frames {
		details = append(details, json.RawMessage(frame(i, firstFrameOptions)))
	}
	b, err := json.Marshal(struct {
		Text   string            `json:"text"`
		Want   int               `json:"want"`
		Result json.RawMessage   `json:"result"`
		Frames []json.RawMessage `json:"frames"`
	}{decoder.SeedPaste, firstFrame, json.RawMessage(result), details})
	if err != nil {
		panic(err) // the decoder's answers are JSON
	}
	return b
}

// op is an API function; natively there is no JS API, and so no op.
type op = func()

// fullOps are the full program's API functions (full_js.go); natively none.
func fullOps() map[string]op { return nil }
