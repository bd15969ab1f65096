package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/wsframe/wsframe/build"
)

// encodeUsage is the help of -encode, printed after the flags.
const encodeUsage = `
Building frames (-encode):
  wsframe -encode '{"text":"Good bye.","mask_key":"9539ffdd"}'
  echo '{"text":"Hello, world","fragment":4,"ping_between":true}' | wsframe -encode
  wsframe -encode -json '[{"text":"Hi","extension":"permessage-deflate"},{"text":"Hi"}]'
  wsframe -encode '{"from":"server","close":{"code":1000,"reason":"bye"}}' | wsframe

The spec (docs/contract.md, "Building frames") is one JSON object, or a list
of them for several messages in a row. It is the argument, or standard
input when there is none or it is -. The frames are printed as hex, one a
line, ready to paste or to pipe into wsframe; -json prints the whole result
(hex, frames and messages as decode reads them). Rules the frames break on
purpose are listed on stderr.
`

// runEncode is wsframe -encode: a spec in, frames out.
func runEncode(args []string, c config, stdin io.Reader, stdout, stderr io.Writer) int {
	var src []byte
	switch {
	case len(args) > 1:
		fmt.Fprintf(stderr, "wsframe: -encode takes one spec; got %d arguments\n", len(args))
		return 2
	case len(args) == 1 && args[0] != "-":
		src = []byte(args[0])
	default:
		var err error
		if src, err = io.ReadAll(stdin); err != nil {
			fmt.Fprintf(stderr, "wsframe: %v\n", err)
			return 1
		}
	}
	specs, err := parseSpecs(src)
	if err != nil {
		fmt.Fprintf(stderr, "wsframe: -encode: %v\n", err)
		return 1
	}
	r, err := build.Build(specs)
	if err != nil {
		fmt.Fprintf(stderr, "wsframe: -encode: %v\n", err)
		return 1
	}
	if c.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			fmt.Fprintf(stderr, "wsframe: %v\n", err)
			return 1
		}
	} else {
		fmt.Fprintln(stdout, r.Paste)
	}
	for _, f := range r.Frames {
		for _, v := range f.Violations {
			fmt.Fprintf(stderr, "wsframe: note: frame %d breaks RFC %s (%s): %s\n", f.Index, v.RFC, v.ID, v.Message)
		}
	}
	for _, m := range r.Messages {
		for _, v := range m.Violations {
			fmt.Fprintf(stderr, "wsframe: note: message %d breaks RFC %s (%s): %s\n", m.Index, v.RFC, v.ID, v.Message)
		}
		if m.Problem != "" {
			fmt.Fprintf(stderr, "wsframe: note: message %d: %s\n", m.Index, m.Problem)
		}
	}
	return 0
}

// parseSpecs reads one spec object or a list of them. Unknown keys are an
// error, so that a misspelt field is not silently ignored.
func parseSpecs(src []byte) ([]build.Spec, error) {
	src = bytes.TrimSpace(src)
	if len(src) == 0 {
		return nil, fmt.Errorf("no spec: give a JSON object such as {\"text\":\"hi\"}")
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	var specs []build.Spec
	var err error
	if src[0] == '[' {
		err = dec.Decode(&specs)
	} else {
		specs = make([]build.Spec, 1)
		err = dec.Decode(&specs[0])
	}
	if err != nil {
		return nil, jsonError(src, dec, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("byte %d: more after the spec; give a list [..] for several messages", dec.InputOffset())
	}
	return specs, nil
}

// jsonError places a JSON error at its line and column.
func jsonError(src []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case asErr(err, &se):
		off = se.Offset
	case asErr(err, &te):
		off = te.Offset
	}
	off = min(max(off, 0), int64(len(src)))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(src[:off], '\n')
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return fmt.Errorf("line %d, column %d (byte %d): %s", line, col, off, msg)
}

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }
