package decoder

import (
	"errors"
	"fmt"
	"sort"
)

// Inflation checkpoints: a compressed message is inflated again from the
// nearest saved inflater state (zlib's zran.c idea).

// inflateLog is one sender's inflate calls, in order (the message, or the
// frame under deflate-frame, whose payload each inflated), with the
// inflater's state saved before some of them: the checkpoints of zlib's
// zran.c, so that inflating any payload again costs at most one span.
type inflateLog struct {
	calls  chunks[int32]
	points []checkpoint
	cost   int  // bytes of work since the last checkpoint
	lost   bool // the window was lost since the last call
}

// liveInflater is the inflater of the last replay, positioned before call
// next of log, so that reading messages in order inflates each once.
type liveInflater struct {
	log  *inflateLog
	inf  *inflater
	next int
}

type checkpoint struct {
	call  int
	state inflaterState
}

// checkpointSpan is the work (bytes inflated, plus the window set up for
// each payload) between two checkpoints. 32 MiB keeps a window of 32 KiB
// per 32 MiB at most (1/1024 of the work), and inflating any message again
// costs at most 32 MiB of work more than the message itself.
const checkpointSpan = 32 << 20

// inflateCall records that a's inflater is about to inflate the payload of
// subject, and saves its state first when a checkpoint is due.
func (ix *Index) inflateCall(st *Stream, a *assembler, subject int) {
	lg := a.log
	if lg == nil {
		lg = &inflateLog{}
		a.log = lg
		ix.logs = append(ix.logs, lg)
	}
	inf := a.inflater
	if lg.calls.n > 0 {
		lg.cost += inf.out + len(inf.hist)
	}
	n := lg.calls.n
	if n == 0 || lg.lost || lg.cost >= ix.span {
		s := inf.state()
		lg.points = append(lg.points, checkpoint{n, s})
		lg.cost, lg.lost = 0, false
		ix.count(int64(len(s.hist)) + 64)
	}
	lg.calls.append(int32(subject))
	ix.count(4)
}

// replay inflates data, the payload of subject sent by side of st, as the
// decoder did: from the checkpoint before it, inflating the payloads in
// between again.
func (ix *Index) replay(st *Stream, side, subject int, data []byte) ([]byte, error) {
	inf, p, err := ix.position(st, side, subject)
	if err != nil {
		return nil, err
	}
	out, err := inf.inflate(data, ix.s.opts.inflateLimit())
	ix.live.next = p + 1
	var ie *inflateError
	if err != nil && (!errors.As(err, &ie) || ie.Kind != inflateWindowExceeded) {
		return nil, err
	}
	return out, nil
}

// replayPrefix inflates the first n bytes of data, the payload of subject
// sent by side of st, which the decoder inflated whole: enough for a row.
func (ix *Index) replayPrefix(st *Stream, side, subject int, data []byte, n int) ([]byte, error) {
	inf, _, err := ix.position(st, side, subject)
	if err != nil {
		return nil, err
	}
	return inf.peek(data, n)
}

// position returns side's inflater as it was before it inflated the
// payload of subject (call p of its log): from the last replay when that
// is on the way, else from the checkpoint before it, inflating the
// payloads in between again.
func (ix *Index) position(st *Stream, side, subject int) (*inflater, int, error) {
	lg := st.sides[side].log
	if lg == nil {
		return nil, 0, errors.New("nothing was inflated on this side")
	}
	calls := &lg.calls
	p := sort.Search(calls.n, func(i int) bool { return int(calls.at(i)) >= subject })
	if p == calls.n || int(calls.at(p)) != subject {
		return nil, 0, fmt.Errorf("no inflate call for %d", subject)
	}
	c := sort.Search(len(lg.points), func(i int) bool { return lg.points[i].call > p }) - 1
	cp := lg.points[c]
	from := cp.call
	var inf *inflater
	if l := &ix.live; l.log == lg && l.next <= p && l.next >= from {
		// Read in order (a list, -json): go on from the last one.
		inf, from = l.inf, l.next
	} else {
		inf = newInflater(st.ext, sideAt(side))
		inf.setState(cp.state)
	}
	ix.live = liveInflater{}
	limit := ix.s.opts.inflateLimit()
	perMessage := st.ext.PerMessage()
	for j := from; j < p; j++ {
		var in []byte
		var err error
		if perMessage {
			in, err = ix.joined(int(calls.at(j)))
		} else {
			var f *Frame
			f, _, err = ix.framePayload(int(calls.at(j)))
			if f != nil {
				in = f.Payload
			}
		}
		if err != nil {
			return nil, 0, err
		}
		inf.inflate(in, limit)
	}
	ix.live = liveInflater{lg, inf, p}
	return inf, p, nil
}

// joined returns the payloads of message k's frames joined.
func (ix *Index) joined(k int) ([]byte, error) {
	var data []byte
	count, frameAt := ix.MessageFrames(k)
	for j := range count {
		f, _, err := ix.framePayload(frameAt(j))
		if err != nil {
			return nil, err
		}
		data = append(data, f.Payload...)
	}
	return data, nil
}
