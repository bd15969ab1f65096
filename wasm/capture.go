package main

import (
	"fmt"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
)

// view answers for the last decode (detail.View, the command's too): its
// frames and messages are in its result (a paste), or in an index read
// again from the file as they are shown (a capture or a HAR, files.go), so
// that memory follows what is on screen. nil before the first decode. The
// worker runs one call at a time, so no lock is needed.
var view *detail.View

// show makes v the last decode, and answers with its summary.
func show(v *detail.View, o options) string {
	view = v
	return summary(o)
}

// summary writes the last decode for the page: payloads cut to o.Preview
// bytes and, when o.Rows is set, only the first rows of the frame and
// message lists, with Totals saying how many there are (rows fetches the
// rest). With o.Handshakes "brief", the full program cuts the handshakes
// (briefHandshakes).
func summary(o options) string {
	s, err := view.Summary(o.Preview, o.Rows)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	if o.Handshakes == "brief" && briefHandshakes != nil {
		s.Connections = briefHandshakes(s.Connections)
	}
	return marshal(s)
}

// briefHandshakes cuts a file's connections' handshakes for the page
// (files.go); nil in the first program, which reads no files.
var briefHandshakes func([]decoder.Connection) []decoder.Connection

// rows is wsframe.rows: count frames or messages of the last decode from
// start, their payloads cut to o.Preview bytes, as a JSON list.
func rows(kind string, start, count int, o options) string {
	if view == nil {
		return errorJSON(0, "nothing has been decoded yet")
	}
	cut := o.Preview
	if cut <= 0 {
		cut = -1 // whole
	}
	var v any
	var err error
	switch kind {
	case "frames":
		v, err = view.FrameRange(start, count, cut)
	case "messages":
		v, err = view.MessageRange(start, count, cut, true)
	default:
		return errorJSON(0, fmt.Sprintf("rows(kind, ...): kind is %q; use \"frames\" or \"messages\"", kind))
	}
	if err != nil {
		return errorJSON(0, err.Error())
	}
	return marshal(v)
}

// index is wsframe.index: the indexes of the last decode's frames or
// messages on one connection, as a JSON list, for the page's connection
// filter. It reads no payload.
func index(kind string, connection int) string {
	if view == nil {
		return errorJSON(0, "nothing has been decoded yet")
	}
	list, err := view.On(kind, connection)
	if err != nil {
		return errorJSON(0, "index(kind, connection): "+err.Error())
	}
	return marshal(list)
}

// frame is wsframe.frame: frame index of the last decode in detail, as
// package detail builds it.
func frame(index int, o options) string {
	if view == nil {
		return errJSON(detail.NoFrame(index, 0))
	}
	d, err := view.Detail(index, detail.Options{MaxBytes: o.MaxBytes, Steps: o.Steps, StepsFrom: o.StepsFrom})
	if err != nil {
		return errJSON(err)
	}
	return marshal(d)
}
