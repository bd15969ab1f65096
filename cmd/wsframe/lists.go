package main

import (
	"github.com/wsframe/wsframe/decoder"
)

// lists gives the views a decode's frames and messages: held in the
// result (pasted input), or read one at a time from an index of a capture
// (decoder.Index), so that a capture of any size is printed in constant
// memory beyond its index.
type lists struct {
	r   *decoder.Result
	ix  *decoder.Index
	err error // the first frame or message that could not be read again
}

func (l *lists) frames() int {
	if l.ix != nil {
		return l.ix.Frames()
	}
	return len(l.r.Frames)
}

func (l *lists) messages() int {
	if l.ix != nil {
		return l.ix.Messages()
	}
	return len(l.r.Messages)
}

// frame returns frame i with at most max bytes of payload (-1: all).
func (l *lists) frame(i, max int) *decoder.Frame {
	if l.ix == nil {
		return &l.r.Frames[i]
	}
	f, err := l.ix.Frame(i, max)
	if err != nil {
		l.fail(err)
		return &decoder.Frame{Index: i, Message: -1, Violations: []decoder.Violation{}, Payload: decoder.Hex{}}
	}
	return f
}

// message returns message k, its data cut to max bytes (-1: all).
func (l *lists) message(k, max int) *decoder.Message {
	if l.ix == nil {
		return &l.r.Messages[k]
	}
	m, err := l.ix.MessagePreview(k, max)
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
