package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"github.com/wsframe/wsframe/decoder"
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
	indent := indentJSON
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
	// so that no list of them is held; item writes item i to w.
	list := func(all int, keep func(i int) bool, item func(i int) error) func() error {
		return func() error {
			l := listWriter{w: w}
			for i := range all {
				if !keep(i) {
					continue
				}
				l.next()
				if err := item(i); err != nil {
					return err
				}
			}
			return l.end()
		}
	}
	frame := func(i int) error {
		b, err := indent(l.frame(i, -1), "    ")
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	}
	ix := l.Index()
	// A message of many fragments writes its frame list a number at a
	// time, straight to w, not as one indented string: a million
	// fragments would hold tens of megabytes of it, several times over.
	// From an index the list is read from its packed array as it is
	// written (decoder.Index.MessageFrames), never made.
	message := func(k int) error {
		count, frameAt := 0, func(int) int { return 0 }
		if ix != nil {
			count, frameAt = ix.MessageFrames(k)
		}
		var m *decoder.Message
		if count > bigFrameList {
			m = messageWithoutFrames(l, ix, k)
		} else {
			m = l.message(k, -1)
			count, frameAt = len(m.Frames), func(j int) int { return m.Frames[j] }
		}
		if count <= bigFrameList {
			b, err := indent(m, "    ")
			if err == nil {
				_, err = w.Write(b)
			}
			return err
		}
		head, tail, err := splitAtFrames(m)
		if err != nil {
			return err
		}
		w.Write(head)
		var num []byte
		for j := range count {
			num = appendFrameNumber(num[:0], j, int64(frameAt(j)))
			w.Write(num)
		}
		_, err = w.Write(tail)
		return err
	}
	fields := []field{
		{"version", value(r.Version)},
		{"input", value(r.Input)},
		{"connections", value(r.Connections)},
		{"frames", list(l.Frames(), l.keepFrame, frame)},
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

// indentJSON is v as writeJSON writes it, at the depth given by prefix.
func indentJSON(v any, prefix string) ([]byte, error) {
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

// bigFrameList is the length past which a message's frame list is written
// a number at a time.
const bigFrameList = 1024

// messageWithoutFrames is l.message(k, -1) for a message in index ix, but
// with an empty frame list: its data read again whole and read in its
// protocol, as detail.View reads a message of an index.
func messageWithoutFrames(l *lists, ix *decoder.Index, k int) *decoder.Message {
	m, err := ix.MessageWithoutFrames(k)
	if err != nil {
		l.fail(err)
		return &decoder.Message{Index: k, Frames: []int{}, Data: decoder.Hex{}}
	}
	return &l.Result().WithReadings([]decoder.Message{*m}, false)[0]
}

// splitAtFrames indents m as a message of a list of the top object, with
// no frame numbers, and cuts it where they go: head ends with the list's
// opening bracket, tail begins with its closing one. A message of many
// fragments is written so, its numbers between them (appendFrameNumber)
// as they are read, never held as one list or one string.
func splitAtFrames(m *decoder.Message) (head, tail []byte, err error) {
	short := *m
	short.Frames = []int{}
	b, err := indentJSON(&short, "    ")
	if err != nil {
		return nil, nil, err
	}
	const empty = `"frames": []`
	at := bytes.Index(b, []byte(empty))
	if at < 0 {
		return nil, nil, errors.New("a message's frame list is not where it was expected")
	}
	return append(b[:at:at], `"frames": [`...), append([]byte("\n      ]"), b[at+len(empty):]...), nil
}

// appendFrameNumber appends the j-th number n of a message's frame list,
// laid out between splitAtFrames' head and tail as indentJSON would.
func appendFrameNumber(b []byte, j int, n int64) []byte {
	if j > 0 {
		b = append(b, ',')
	}
	b = append(b, "\n        "...)
	return strconv.AppendInt(b, n, 10)
}
