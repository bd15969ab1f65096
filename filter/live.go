package filter

import (
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/reading"
)

// Live tests frames and messages as a decoder.Sink is given them, for a
// view that prints each the moment it is decided. A message comes before
// its frames; it matches when one of its frames does, which is known at
// its last frame: Frame then returns it, to be shown after that frame.
type Live struct {
	f     *Filter
	r     *decoder.Result
	start time.Time
	msg   *decoder.Message // the message whose frames are coming, a copy
	hit   bool             // one of msg's frames matched
	v     liveView
	rd    readCache
}

// NewLive tests frames with f; r holds the connections seen so far and
// the read options, for readings (see decoder.Result.SetReadOptions).
// start is the capture's first packet time, from which time counts.
func NewLive(f *Filter, r *decoder.Result) *Live {
	return &Live{f: f, r: r}
}

// SetStart sets the time relative times count from.
func (l *Live) SetStart(t time.Time) { l.start = t }

// Message takes message m, decided; its frames come next. It keeps a copy
// of m (its data too: the Sink's is only valid during the call). A
// message with no frames to come is returned at once when it matches
// (an empty filter), else nil.
func (l *Live) Message(m *decoder.Message) *decoder.Message {
	c := *m
	c.Data = append(decoder.Hex(nil), m.Data...)
	if m.Text != nil {
		t := string(m.Data)
		c.Text = &t
	}
	c.Frames = append([]int(nil), m.Frames...)
	c.Violations = append([]decoder.Violation(nil), m.Violations...)
	l.msg, l.hit = &c, false
	if len(c.Frames) == 0 {
		l.msg = nil
		if l.f.Empty() {
			return &c
		}
	}
	return nil
}

// Frame tests frame f, decided. It reports whether f matches, and returns
// f's message when f is its last frame and the message matches.
func (l *Live) Frame(f *decoder.Frame) (match bool, done *decoder.Message) {
	l.v = liveView{l: l, f: f, h: headOf(f)}
	match = l.f.Match(&l.v)
	m := l.msg
	if m == nil || f.Message != m.Index {
		return match, nil
	}
	l.hit = l.hit || match
	if f.Index != m.Frames[len(m.Frames)-1] {
		return match, nil
	}
	l.msg = nil
	if l.hit {
		return match, m
	}
	return match, nil
}

type liveView struct {
	l *Live
	f *decoder.Frame
	h decoder.Head
}

func (v *liveView) Head() *decoder.Head       { return &v.h }
func (v *liveView) Start() time.Time          { return v.l.start }
func (v *liveView) Frame(bool) *decoder.Frame { return v.f }
func (v *liveView) Length() (uint64, bool)    { return v.f.PayloadLength, true }

func (v *liveView) Message() *decoder.Message {
	if m := v.l.msg; m != nil && m.Index == v.f.Message {
		return m
	}
	return nil
}

func (v *liveView) Reading() *reading.Reading {
	m := v.Message()
	if m == nil {
		return nil
	}
	return v.l.rd.get(v.l.r, m)
}

// Reading is the reading of message m, as the filter read it (the last
// message read is kept).
func (l *Live) Reading(m *decoder.Message) *reading.Reading { return l.rd.get(l.r, m) }
