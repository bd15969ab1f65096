package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
)

// writeListPasses writes the list writeView writes of an index (frames one
// a line, then messages; -conn's alone with one), the same bytes, from
// three decodes of the input through a sink, as writeJSONPasses does, so
// that nothing is held per frame. reconstructed marks every frame rebuilt
// from its message (a HAR's). It returns the first decode's result.
func writeListPasses(w io.Writer, decode decodeAgain, c config, pal palette, reconstructed bool) (*decoder.Result, error) {
	r, nb := numberPass(decode)
	if nb.err != nil {
		return r, nb.err
	}
	if len(r.Errors) > 0 && nb.frames == 0 {
		return r, nil // nothing decoded: the errors say why (as writeIndexed)
	}
	on := func(conn *int) bool { return c.conn < 0 || conn != nil && *conn == c.conn }
	var b strings.Builder
	writeViewHead(&b, r, nb.frames, nb.messages, "", c, pal)
	if nb.frames > 0 {
		writeFramesHead(&b, pal)
	}
	io.WriteString(w, b.String())
	err := framesPass(decode, nb, func(f *decoder.Frame) ([]byte, error) {
		if !on(f.Connection) {
			return nil, nil
		}
		// As an index's frame read without its payload (View.Frame(i, 0)).
		g := *f
		g.Reconstructed = g.Reconstructed || reconstructed
		var line strings.Builder
		writeFrameLine(&line, &g, pal)
		return []byte(line.String()), nil
	}, func(b []byte) { w.Write(b) })
	if err != nil {
		return r, err
	}
	if nb.messages > 0 {
		b.Reset()
		writeMessagesHead(&b, pal)
		io.WriteString(w, b.String())
	}
	err = messagesPass(decode, nb, messageForm{
		begin: func() {},
		render: func(m *decoder.Message, split bool) ([]byte, []byte, error) {
			if !on(m.Connection) {
				return nil, nil, nil
			}
			// As View.Message(k, summaryBytes) of an index: read from at
			// most detail.MaxMessage bytes, then cut to summaryBytes.
			one := decoder.Preview(&decoder.Result{Messages: []decoder.Message{*m}}, detail.MaxMessage).Messages
			one = r.WithReadings(one, false)
			one = decoder.Preview(&decoder.Result{Messages: one}, summaryBytes).Messages
			head, tail := messageLine(&one[0])
			if !split {
				return []byte(head + fmt.Sprint(one[0].Frames) + tail), nil, nil
			}
			return []byte(head + "["), []byte("]" + tail), nil
		},
		item: func(b []byte, j int, i int64) []byte {
			if j > 0 {
				b = append(b, ' ')
			}
			return strconv.AppendInt(b, i, 10)
		},
	}, w)
	return r, err
}
