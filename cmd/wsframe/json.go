package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

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
	// list writes the items keep keeps, each after a comma but the first,
	// so that no list of them is held.
	list := func(all int, keep func(i int) bool, item func(i int) ([]byte, error)) func() error {
		return func() error {
			n := 0
			for i := range all {
				if !keep(i) {
					continue
				}
				b, err := item(i)
				if err != nil {
					return err
				}
				if n == 0 {
					io.WriteString(w, "[\n    ")
				} else {
					io.WriteString(w, ",\n    ")
				}
				w.Write(b)
				n++
			}
			if n == 0 {
				_, err := io.WriteString(w, "[]")
				return err
			}
			_, err := io.WriteString(w, "\n  ]")
			return err
		}
	}
	// A message of many fragments writes its frame list a number at a
	// time, not as one indented string: a million fragments would hold
	// tens of megabytes of it, several times over.
	message := func(k int) ([]byte, error) {
		m := l.message(k, -1)
		if len(m.Frames) <= 1024 {
			return indent(m, "    ")
		}
		frames := m.Frames
		short := *m
		short.Frames = []int{}
		b, err := indent(&short, "    ")
		if err != nil {
			return nil, err
		}
		const empty = `"frames": []`
		at := bytes.Index(b, []byte(empty))
		if at < 0 {
			return nil, errors.New("a message's frame list is not where it was expected")
		}
		out := bytes.NewBuffer(make([]byte, 0, len(b)+16*len(frames)))
		out.Write(b[:at])
		out.WriteString(`"frames": [`)
		for j, fi := range frames {
			if j > 0 {
				out.WriteByte(',')
			}
			out.WriteString("\n        ")
			out.WriteString(strconv.Itoa(fi))
		}
		out.WriteString("\n      ]")
		out.Write(b[at+len(empty):])
		return out.Bytes(), nil
	}
	fields := []field{
		{"version", value(r.Version)},
		{"input", value(r.Input)},
		{"connections", value(r.Connections)},
		{"frames", list(l.Frames(), l.keepFrame, func(i int) ([]byte, error) { return indent(l.frame(i, -1), "    ") })},
		{"messages", list(l.Messages(), l.keepMessage, message)},
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
