package main

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/wsframe/wsframe/internal/jsonenc"
)

// writeJSONStream writes the decode result as writeJSON prints it, but
// frames and messages one at a time, read from the index: the whole result
// is never built.
func writeJSONStream(w io.Writer, l *lists) error {
	r := l.Result()
	type field struct {
		name  string
		write func() error
	}
	// One value as writeJSON writes it, at the depth given by prefix.
	indent := func(v any, prefix string) ([]byte, error) {
		b, err := jsonenc.Marshal(v)
		if err != nil {
			return nil, err
		}
		var out bytes.Buffer
		if err := json.Indent(&out, b, prefix, "  "); err != nil {
			return nil, err
		}
		return jsonForTerminal(out.Bytes()), nil
	}
	value := func(v any) func() error {
		return func() error {
			b, err := indent(v, "  ")
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		}
	}
	list := func(all int, keep func(i int) bool, item func(i int) any) func() error {
		var kept []int
		for i := range all {
			if keep(i) {
				kept = append(kept, i)
			}
		}
		n := len(kept)
		return func() error {
			if n == 0 {
				_, err := io.WriteString(w, "[]")
				return err
			}
			io.WriteString(w, "[\n")
			for i := range n {
				b, err := indent(item(kept[i]), "    ")
				if err != nil {
					return err
				}
				io.WriteString(w, "    ")
				w.Write(b)
				if i < n-1 {
					io.WriteString(w, ",")
				}
				io.WriteString(w, "\n")
			}
			_, err := io.WriteString(w, "  ]")
			return err
		}
	}
	fields := []field{
		{"version", value(r.Version)},
		{"input", value(r.Input)},
		{"connections", value(r.Connections)},
		{"frames", list(l.Frames(), l.keepFrame, func(i int) any { return l.frame(i, -1) })},
		{"messages", list(l.Messages(), l.keepMessage, func(k int) any { return l.message(k, -1) })},
		{"errors", value(r.Errors)},
	}
	if r.Handshake != nil {
		fields = append(fields, field{"handshake", value(r.Handshake)})
	}
	if r.Totals != nil {
		fields = append(fields, field{"totals", value(r.Totals)})
	}
	if r.Stopped != nil {
		fields = append(fields, field{"stopped", value(r.Stopped)})
	}
	io.WriteString(w, "{\n")
	for i, f := range fields {
		io.WriteString(w, "  \""+f.name+"\": ")
		if err := f.write(); err != nil {
			return err
		}
		if i < len(fields)-1 {
			io.WriteString(w, ",")
		}
		io.WriteString(w, "\n")
	}
	_, err := io.WriteString(w, "}\n")
	return err
}
