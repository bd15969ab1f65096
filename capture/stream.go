package capture

import (
	"sort"

	"github.com/wsframe/wsframe/decoder"
)

// sink takes the bytes of one direction of a TCP connection in stream
// order: data as it becomes contiguous, and gaps for bytes that were never
// captured.
type sink interface {
	data(p []byte, at decoder.Mark)
	gap(n int64, at decoder.Mark)
}

// reassembler puts the TCP segments of one direction back in order
// (RFC 9293 section 3.10.7.4): bytes that continue the stream go straight to
// out; segments that arrive early are held, as copies, until the bytes
// before them come. Where segments overlap, the bytes seen first are kept.
// Held bytes are bounded: past the bound, the hole before the first held
// segment is declared a gap and the stream moves on.
//
// Sequence numbers are compared modulo 2^32, so a stream may wrap.
type reassembler struct {
	out     sink
	started bool
	isn     uint32 // sequence number of the first payload byte
	next    uint32 // sequence number of the next byte out expects
	offset  int64  // stream offset of next

	held      []heldSegment // sorted by sequence number, never overlapping
	heldBytes int
	limit     int // bound on heldBytes
}

// heldSegment is a run of bytes that arrived before the bytes ahead of it.
// data is nil for bytes that the snapshot length cut: known to exist, never
// captured.
type heldSegment struct {
	seq  uint32
	n    int
	data []byte
	at   decoder.Mark
}

// maxHeldSegments bounds the number of held segments, whatever their size.
const maxHeldSegments = 4096

// rel returns the position of seq relative to the next expected byte.
func (r *reassembler) rel(seq uint32) int64 { return int64(int32(seq - r.next)) }

// segment takes one TCP segment: its sequence number, whether it has SYN
// set, its captured payload and the number of payload bytes after it that
// the capture cut (lost). at.Src is the payload's offset in the capture,
// or -1.
func (r *reassembler) segment(seq uint32, syn bool, data []byte, lost int, at decoder.Mark) {
	if syn {
		if !r.started {
			r.started, r.isn, r.next = true, seq+1, seq+1
		}
		seq++ // SYN takes one sequence number; data on a SYN follows it
	}
	n := len(data) + lost
	if n == 0 {
		return
	}
	if !r.started {
		r.started, r.isn, r.next = true, seq, seq
	}
	rel := r.rel(seq)
	if rel < 0 {
		// Starts before the next byte: a retransmission or an overlap.
		// Keep what was delivered; take only what is new.
		if -rel >= int64(n) {
			return
		}
		at.Src = advance(at.Src, min(len(data), int(-rel)))
		data, lost = cutFront(data, lost, int(-rel))
		seq, rel, n = r.next, 0, len(data)+lost
	}
	if rel == 0 {
		// Deliver up to the first held segment; the rest may overlap held
		// bytes, which were seen first, so it is held like any other.
		k := n
		if len(r.held) > 0 {
			k = int(min(int64(n), r.rel(r.held[0].seq)))
		}
		var hd []byte
		var hl int
		hd, hl, data, lost = splitSegment(data, lost, k)
		r.deliver(hd, hl, at)
		at.Src = advance(at.Src, len(hd))
		seq = r.next
		if len(data)+lost == 0 {
			r.drain(&at)
			return
		}
	}
	if len(data) > 0 {
		r.hold(seq, data, len(data), at)
	}
	if lost > 0 {
		r.hold(seq+uint32(len(data)), nil, lost, at)
	}
	r.drain(&at)
	for len(r.held) > 0 && (r.heldBytes > r.limit || len(r.held) > maxHeldSegments) {
		r.skip(&at)
	}
}

// straight hands the payload of a segment that continues the stream of
// an open plain connection, where nothing is held, straight to its
// decoder stream, as segment would through deliver, data and plain, and
// reports whether it did: the in-order way of nearly every segment, in
// one call.
func (h *half) straight(seq uint32, data []byte, lost int, at decoder.Mark) bool {
	r := &h.r
	if seq != r.next || !r.started || lost != 0 || len(data) == 0 || len(r.held) != 0 || h.c.state != stateOpen || h.c.tls != nil {
		return false
	}
	h.st.Write(data, at)
	r.next += uint32(len(data))
	r.offset += int64(len(data))
	return true
}

// advance returns the capture offset k bytes after src, or -1 for -1.
func advance(src int64, k int) int64 {
	if src < 0 {
		return src
	}
	return src + int64(k)
}

// splitSegment splits a segment's data and lost bytes at k.
func splitSegment(data []byte, lost, k int) (hd []byte, hl int, td []byte, tl int) {
	if k <= len(data) {
		return data[:k], 0, data[k:], lost
	}
	return data, k - len(data), nil, lost - (k - len(data))
}

// cutFront drops the first k bytes of a segment's data and lost bytes.
func cutFront(data []byte, lost, k int) ([]byte, int) {
	if k <= len(data) {
		return data[k:], lost
	}
	return nil, lost - (k - len(data))
}

// deliver hands out bytes that continue the stream, then the lost ones as a gap.
func (r *reassembler) deliver(data []byte, lost int, at decoder.Mark) {
	if len(data) > 0 {
		r.out.data(data, at)
		r.next += uint32(len(data))
		r.offset += int64(len(data))
	}
	if lost > 0 {
		r.out.gap(int64(lost), at)
		r.next += uint32(lost)
		r.offset += int64(lost)
	}
}

// drain delivers the held segments that now continue the stream, marked as
// completed by at, or by the packets that carried them when at is nil.
func (r *reassembler) drain(at *decoder.Mark) {
	for len(r.held) > 0 {
		h := r.held[0]
		rel := r.rel(h.seq)
		if rel > 0 {
			return
		}
		r.held = r.held[1:]
		if h.data != nil {
			r.heldBytes -= len(h.data)
		}
		if -rel >= int64(h.n) {
			continue
		}
		mark := h.at
		if at != nil {
			mark = *at
		}
		k := int(-rel)
		mark.Src = advance(h.at.Src, k)
		if h.data != nil {
			r.deliver(h.data[k:], 0, mark)
		} else {
			r.deliver(nil, h.n-k, mark)
		}
	}
	if len(r.held) == 0 {
		r.held = r.held[:0:0] // let the backing array go
	}
}

// hold keeps a copy of the parts of segment [seq, seq+n) that no held
// segment covers yet; data is nil for lost bytes.
func (r *reassembler) hold(seq uint32, data []byte, n int, at decoder.Mark) {
	start := r.rel(seq)
	end := start + int64(n)
	i := sort.Search(len(r.held), func(i int) bool {
		return r.rel(r.held[i].seq)+int64(r.held[i].n) > start
	})
	pos := start
	for i < len(r.held) && pos < end {
		hs := r.rel(r.held[i].seq)
		if hs >= end {
			break
		}
		if hs > pos {
			r.insert(i, pos, hs, start, data, at)
			i++
		}
		pos = max(pos, hs+int64(r.held[i].n))
		i++
	}
	if pos < end {
		r.insert(i, pos, end, start, data, at)
	}
}

// insert adds the piece [from, to) of a segment starting at start (all
// relative to next) as held segment i.
func (r *reassembler) insert(i int, from, to, start int64, data []byte, at decoder.Mark) {
	h := heldSegment{seq: r.next + uint32(from), n: int(to - from), at: at}
	h.at.Src = advance(at.Src, int(from-start))
	if data != nil {
		h.data = append([]byte(nil), data[from-start:to-start]...)
		r.heldBytes += h.n
	}
	r.held = append(r.held, heldSegment{})
	copy(r.held[i+1:], r.held[i:])
	r.held[i] = h
}

// skip declares the bytes before the first held segment a gap and delivers
// what follows it (see drain for at).
func (r *reassembler) skip(at *decoder.Mark) {
	h := r.held[0]
	if rel := r.rel(h.seq); rel > 0 {
		r.out.gap(rel, h.at)
		r.next = h.seq
		r.offset += rel
	}
	r.drain(at)
}

// flush ends the stream: every hole before a held segment is a gap.
func (r *reassembler) flush() {
	for len(r.held) > 0 {
		r.skip(nil)
	}
}
