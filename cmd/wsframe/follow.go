package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/filter"
	"github.com/wsframe/wsframe/internal/jsonenc"
)

// liveConns gathers the connections a decoder.ConnectionSink is told of,
// by id, so that messages can be read in their application protocol
// (decoder.ReadMessage asks for the handshake) before the decode ends.
type liveConns struct {
	r decoder.Result
}

// add keeps a copy of c; it reports whether c is new.
func (lc *liveConns) add(c *decoder.Connection) bool {
	for len(lc.r.Connections) <= c.ID {
		lc.r.Connections = append(lc.r.Connections, decoder.Connection{ID: -1})
	}
	if lc.r.Connections[c.ID].ID == c.ID {
		return false
	}
	lc.r.Connections[c.ID] = *c
	return true
}

// newFilterSink passes to next only what f keeps.
func newFilterSink(f *filter.Filter, opts decoder.Options, next decoder.Sink) decoder.Sink {
	s := &filterSink{next: next}
	lc := &liveConns{}
	lc.r.SetReadOptions(opts.Protocol, opts.InflateLimit, opts.Reader)
	s.live = filter.NewLive(f, &lc.r)
	return &connFilterSink{filterSink: s, lc: lc}
}

type connFilterSink struct {
	*filterSink
	lc *liveConns
}

func (s *connFilterSink) Connection(c *decoder.Connection) { s.lc.add(c) }

// followFile reads a file being written: at its end it waits for more,
// as tail -f does, until the command is interrupted.
func followFile(r io.Reader) io.Reader { return &follower{r: r} }

type follower struct{ r io.Reader }

// followPoll is how often a followed file is looked at for new bytes.
const followPoll = 100 * time.Millisecond

func (f *follower) Read(p []byte) (int, error) {
	for {
		n, err := f.r.Read(p)
		if n > 0 || err != nil && !errors.Is(err, io.EOF) {
			return n, err
		}
		time.Sleep(followPoll)
	}
}

// live prints frames and messages as the decoder decides them: one line
// each (-follow), or one JSON object each (-jsonl). Every line is written
// through at once.
type live struct {
	mu    sync.Mutex
	out   *bufio.Writer
	c     config
	pal   palette
	lc    liveConns
	test  *filter.Live
	st    *stats
	err   error
	frame *decoder.Frame // the frame being written, for its message's line
}

func (l *live) flush() {
	if err := l.out.Flush(); err != nil && l.err == nil {
		l.err = err
	}
}

// Connection prints a connection the moment its first frame or message
// is decided (decoder.ConnectionSink).
func (l *live) Connection(c *decoder.Connection) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.lc.add(c) {
		return
	}
	if l.c.conn >= 0 && c.ID != l.c.conn {
		return
	}
	l.writeConnection(c)
	l.flush()
}

func (l *live) writeConnection(c *decoder.Connection) {
	if l.c.jsonl {
		l.writeObject("connection", c)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d: client %s ⇄ server %s%s\n", l.pal.bold("connection"), c.ID, term(c.Client), term(c.Server), midStream(*c))
	if c.Handshake != nil {
		writeHandshake(&b, c.Handshake, l.c.handshake, l.pal)
	}
	l.out.WriteString(b.String())
}

// Message takes a message; it is printed after its last frame, once the
// filter has tested its frames (decoder.Sink).
func (l *live) Message(m *decoder.Message) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if done := l.test.Message(m); done != nil {
		l.writeMessage(done)
		l.flush()
	}
}

// Frame prints a frame that matches, then its message when it was the
// last of it (decoder.Sink).
func (l *live) Frame(f *decoder.Frame) {
	l.mu.Lock()
	defer l.mu.Unlock()
	match, done := l.test.Frame(f)
	if match && l.on(f.Connection) {
		l.st.Frame(f)
		if l.c.jsonl {
			g := *f // the contract's lists are [] where empty, as in -json
			if g.Violations == nil {
				g.Violations = []decoder.Violation{}
			}
			if g.Payload == nil {
				g.Payload = decoder.Hex{}
			}
			l.writeObject("frame", &g)
		} else if !l.c.stats {
			var b strings.Builder
			writeFrameLine(&b, f, l.pal)
			l.out.WriteString(b.String())
		}
	}
	if done != nil {
		l.writeMessage(done)
	}
	l.flush()
}

func (l *live) on(c *int) bool { return l.c.conn < 0 || c != nil && *c == l.c.conn }

func (l *live) writeMessage(m *decoder.Message) {
	if !l.on(m.Connection) {
		return
	}
	l.st.Message(m)
	m.Reading = l.test.Reading(m)
	switch {
	case l.c.jsonl:
		if len(m.Violations) == 0 {
			m.Violations = nil // omitted when empty, as in -json
		}
		l.writeObject("message", m)
	case !l.c.stats:
		fmt.Fprintf(l.out, "  #%d %s %s, frames %v: %s\n", m.Index, arrow(m.From), m.OpcodeName, m.Frames, messageSummary(m))
	}
}

// writeObject writes v as one line of JSON with "kind" first.
func (l *live) writeObject(kind string, v any) {
	b, err := jsonenc.Marshal(v)
	if err != nil {
		if l.err == nil {
			l.err = err
		}
		return
	}
	l.out.WriteString(`{"kind":"` + kind + `"`)
	if len(b) > 2 {
		l.out.WriteByte(',')
	}
	l.out.Write(jsonForTerminal(b[1:]))
	l.out.WriteByte('\n')
}

// end is the last JSON line: what the input was, its errors, and whether
// reading stopped early.
type end struct {
	Input       decoder.Input    `json:"input"`
	Connections int              `json:"connections"`
	Frames      int              `json:"frames"`
	Messages    int              `json:"messages"`
	Errors      []decoder.Error  `json:"errors"`
	Stopped     *decoder.Stopped `json:"stopped,omitempty"`
	Filter      string           `json:"filter,omitempty"`
}

// runLive decodes a capture with a sink, printing each connection, frame
// and message the moment it is decided (-follow, -jsonl). With -follow, an
// interrupt (Ctrl-C) prints the stats so far and ends the command.
func runLive(name string, in io.Reader, c config, opts decoder.Options, stdout, stderr io.Writer) int {
	f := c.match
	if f == nil {
		f, _ = filter.Parse("")
	}
	l := &live{out: bufio.NewWriterSize(stdout, 64<<10), c: c, pal: newPalette(c.color, stdout), st: newStats()}
	l.lc.r.SetReadOptions(opts.Protocol, opts.InflateLimit, opts.Reader)
	l.test = filter.NewLive(f, &l.lc.r)
	opts.Sink = l
	if c.follow {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		defer signal.Stop(sig)
		go func() {
			if _, ok := <-sig; !ok {
				return
			}
			l.mu.Lock()
			l.flush()
			l.writeStatsSoFar(name)
			l.flush()
			os.Exit(0)
		}()
	}
	r := capture.DecodeReader(in, -1, opts, nil)
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := range r.Connections {
		if cn := &r.Connections[i]; l.lc.add(cn) && l.on(&cn.ID) {
			l.writeConnection(cn)
		}
	}
	switch {
	case c.jsonl:
		l.writeObject("end", end{Input: r.Input, Connections: len(r.Connections), Frames: l.st.frames, Messages: l.st.messages,
			Errors: r.Errors, Stopped: r.Stopped, Filter: c.filter})
	case c.stats:
		writeStats(l.out, r, l.st)
	}
	l.flush()
	if l.err != nil {
		fmt.Fprintf(stderr, "wsframe: %v\n", l.err)
		return 1
	}
	if c.jsonl {
		for _, e := range r.Errors {
			fmt.Fprintf(stderr, "wsframe: %s: %s\n", term(name), term(e.Error()))
		}
		if len(r.Errors) > 0 {
			return 1
		}
		return 0
	}
	return report(name, c.keylog, r, nil, stderr)
}

// writeStatsSoFar prints the stats of what has been decided, when the
// command is interrupted.
func (l *live) writeStatsSoFar(name string) {
	fmt.Fprintf(l.out, "\ninterrupted: the stats so far of %s\n", term(name))
	r := &decoder.Result{Input: decoder.Input{Kind: "capture", Bytes: -1}}
	for _, cn := range l.lc.r.Connections {
		if cn.ID >= 0 {
			r.Connections = append(r.Connections, cn)
		}
	}
	writeStats(l.out, r, l.st)
}

// writeJSONLResult writes a decoded paste as JSON Lines: each connection,
// frame and message the filter keeps, then the end.
func writeJSONLResult(stdout, stderr io.Writer, name string, c config, ls *lists) int {
	l := &live{out: bufio.NewWriterSize(stdout, 64<<10), c: c}
	r := ls.Result()
	for i := range r.Connections {
		if l.on(&r.Connections[i].ID) {
			l.writeObject("connection", &r.Connections[i])
		}
	}
	frames, messages := 0, 0
	for i := range r.Frames {
		if ls.keepFrame(i) && l.on(r.Frames[i].Connection) {
			l.writeObject("frame", &r.Frames[i])
			frames++
		}
	}
	for k := range r.Messages {
		if ls.keepMessage(k) && l.on(r.Messages[k].Connection) {
			l.writeObject("message", &r.Messages[k])
			messages++
		}
	}
	l.writeObject("end", end{Input: r.Input, Connections: len(r.Connections), Frames: frames, Messages: messages, Errors: r.Errors, Filter: c.filter})
	l.flush()
	if l.err != nil {
		fmt.Fprintf(stderr, "wsframe: %v\n", l.err)
		return 1
	}
	return report(name, c.keylog, r, nil, stderr)
}
