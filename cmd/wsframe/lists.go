package main

import (
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
)

// lists gives the views a decode's frames and messages: held in the
// result (pasted input), or read one at a time from an index of a capture
// (decoder.Index), so that a capture of any size is printed in constant
// memory beyond its index.
type lists struct {
	r   *decoder.Result
	ix  *decoder.Index
	err error // the first frame or message that could not be read again
	// reconstructed: the index's frames were rebuilt from a HAR's
	// messages, never seen as bytes (decoder.Frame.Reconstructed)
	reconstructed bool
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
	f.Reconstructed = l.reconstructed
	return f
}

// message returns message k, its data cut to max bytes (-1: all), with
// its reading, made from at most readCap bytes of it (a pasted input's
// messages have theirs already).
func (l *lists) message(k, max int) *decoder.Message {
	if l.ix == nil {
		return &l.r.Messages[k]
	}
	want := max
	if max >= 0 && max < readCap {
		want = readCap
	}
	m, err := l.ix.MessagePreview(k, want)
	if err != nil {
		l.fail(err)
		return &decoder.Message{Index: k, Frames: []int{}, Data: decoder.Hex{}}
	}
	m.Reading = decoder.ReadMessage(l.r, m)
	if max >= 0 && len(m.Data) > max {
		cut := decoder.Preview(&decoder.Result{Messages: []decoder.Message{*m}}, max)
		m = &cut.Messages[0]
	}
	return m
}

// readCap is how much of a capture's message is read again to read it in
// its application protocol, as much as the page's frame detail carries; a
// longer message gets no reading, like one cut to a preview.
const readCap = 64 << 10

func (l *lists) fail(err error) {
	if l.err == nil {
		l.err = err
	}
}

// source is frame i with its message, for the frame's detail (the page's
// frame(i)): from the result, or read again from the index, its message
// read in its application protocol as the page reads it.
func (l *lists) source(i int, ext *decoder.Extension) (*detail.Source, error) {
	if l.ix == nil {
		return detail.FromResult(l.r, i, ext), nil
	}
	src, err := detail.FromIndex(l.ix, l.r, i, ext, -1)
	if err != nil {
		return nil, err
	}
	if src.Message != nil {
		src.Message.Reading = decoder.ReadMessage(l.r, src.Message)
	}
	src.Frame.Reconstructed = l.reconstructed
	return src, nil
}
