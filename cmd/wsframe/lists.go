package main

import (
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
)

// lists gives the views a decode's frames and messages through the page's
// own detail.View: held in the result (pasted input), or read one at a
// time from an index of a capture (decoder.Index), so that a capture of
// any size is printed in constant memory beyond its index. A frame or
// message that cannot be read again is printed empty, and the first such
// error is kept for the exit status.
type lists struct {
	*detail.View
	ix   *decoder.Index // the capture's index, nil for a paste (for -filter)
	err  error          // the first frame or message that could not be read again
	keep *matches       // what -filter keeps, nil without one (filter.go)
}

// newLists lists r, whose frames and messages are in ix when not nil;
// ext is the extension pasted frames were declared to be sent under.
func newLists(r *decoder.Result, ix *decoder.Index, ext *decoder.Extension) *lists {
	if ix != nil {
		return &lists{View: detail.NewIndexView(r, ix, false), ix: ix}
	}
	return &lists{View: detail.NewView(r, ext)}
}

// frame returns frame i with at most max bytes of payload (-1: all).
func (l *lists) frame(i, max int) *decoder.Frame {
	f, err := l.Frame(i, max)
	if err != nil {
		l.fail(err)
		return &decoder.Frame{Index: i, Message: -1, Violations: []decoder.Violation{}, Payload: decoder.Hex{}}
	}
	return f
}

// message returns message k, its data cut to max bytes (-1: all), with
// its reading, made from at most detail.MaxMessage bytes of it when it is
// read again from an index.
func (l *lists) message(k, max int) *decoder.Message {
	m, err := l.Message(k, max, false)
	if err != nil {
		l.fail(err)
		return &decoder.Message{Index: k, Frames: []int{}, Data: decoder.Hex{}}
	}
	return m
}

func (l *lists) fail(err error) {
	if l.err == nil {
		l.err = err
	}
}
