package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/filter"
)

const filterUsage = "show only the frames (and their messages) that match this display filter, e.g. -filter 'opcode == close and close.code != 1000' or -filter 'text contains \"error\"'; -filter help lists the fields"

// parseFilter reads -filter's expression; a wrong one is reported on
// stderr with a caret under its column, and gives nil.
func parseFilter(expr string, stdout, stderr io.Writer) (*filter.Filter, bool) {
	if strings.TrimSpace(expr) == "help" {
		writeFilterHelp(stdout)
		return nil, false
	}
	f, err := filter.Parse(expr)
	if err != nil {
		fmt.Fprintf(stderr, "wsframe: -filter: %v\n", err)
		if e, ok := err.(*filter.Error); ok && !strings.ContainsAny(expr, "\n\r\t") {
			fmt.Fprintf(stderr, "  %s\n  %s^\n", term(expr), strings.Repeat(" ", max(e.Column-1, 0)))
		}
		return nil, false
	}
	return f, true
}

// writeFilterHelp lists the filter language's fields, from the one table.
func writeFilterHelp(w io.Writer) {
	fmt.Fprintln(w, "wsframe -filter EXPR: fields (docs/filters.md has the whole language)")
	for _, f := range filter.Fields() {
		fmt.Fprintf(w, "  %-20s %-9s %s\n", f.Name, f.Type, f.Doc)
	}
	fmt.Fprintln(w, "operators: == != < <= > >= contains matches (RE2); and or not ( ); a field alone tests that it is set")
}

// matches is which frames and messages a filter keeps, a bit each.
type matches struct {
	frames, messages   []uint64
	nFrames, nMessages int
}

func bitset(list []int, n int) []uint64 {
	b := make([]uint64, (n+63)/64)
	for _, i := range list {
		b[i/64] |= 1 << (i % 64)
	}
	return b
}

func has(b []uint64, i int) bool { return b == nil || i/64 < len(b) && b[i/64]&(1<<(i%64)) != 0 }

// applyFilter runs f over l's frames; the views then show only what
// matches.
func (l *lists) applyFilter(f *filter.Filter) error {
	if f == nil || f.Empty() {
		return nil
	}
	var src filter.Source
	if l.ix != nil {
		src = filter.FromIndex(l.ix, l.Result())
	} else {
		src = filter.FromResult(l.Result())
	}
	fr, ms, err := filter.Run(f, src, nil)
	l.keep = &matches{frames: bitset(fr, l.Frames()), messages: bitset(ms, l.Messages()), nFrames: len(fr), nMessages: len(ms)}
	return err
}

// keepFrame and keepMessage say whether the filter keeps frame i or
// message k (all are kept without one).
func (l *lists) keepFrame(i int) bool   { return l.keep == nil || has(l.keep.frames, i) }
func (l *lists) keepMessage(k int) bool { return l.keep == nil || has(l.keep.messages, k) }

// filterLine says how many frames and messages the filter kept.
func (l *lists) filterLine(expr string) string {
	if l.keep == nil {
		return ""
	}
	return fmt.Sprintf("filter %s: %d of %d frames, %d of %d messages\n", term(expr), l.keep.nFrames, l.Frames(), l.keep.nMessages, l.Messages())
}

// keptStats counts what the filter kept, for -stats.
func (l *lists) keptStats() *stats {
	s := newStats()
	for i := range l.Frames() {
		if l.keepFrame(i) {
			s.Frame(l.frame(i, 0))
		}
	}
	for k := range l.Messages() {
		if l.keepMessage(k) {
			s.Message(l.message(k, 0))
		}
	}
	return s
}

// filterSink passes on to next only the frames and messages f keeps, as
// a decoder.Sink is given them (-stats of a capture, which holds nothing).
type filterSink struct {
	live *filter.Live
	next decoder.Sink
}

func (s *filterSink) Message(m *decoder.Message) {
	if m := s.live.Message(m); m != nil {
		s.next.Message(m)
	}
}

func (s *filterSink) Frame(f *decoder.Frame) {
	match, done := s.live.Frame(f)
	if match {
		s.next.Frame(f)
	}
	if done != nil {
		s.next.Message(done)
	}
}
