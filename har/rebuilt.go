package har

import (
	"io"
	"sort"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/jsontext"
	"github.com/wsframe/wsframe/internal/msg"
)

// Rebuilt is the source of a decoder.Index a HAR was decoded into
// (DecodeIndexed): the frames rebuilt for its messages, laid end to end,
// each built again from its message in the HAR file when the index reads
// it. It keeps 16 bytes per message, never the frames.
type Rebuilt struct {
	file io.ReaderAt
	// at holds, per message, where its frame starts in the virtual
	// source and where its message object starts in the file.
	at   []struct{ src, off int64 }
	size int64
	// The frame read last, since the index reads a frame's header, then
	// its payload.
	frame   []byte
	frameAt int
}

// add lays the frame of n bytes rebuilt for the message at off after the
// others and returns where it starts.
func (rb *Rebuilt) add(off int64, n int) int64 {
	src := rb.size
	rb.at = append(rb.at, struct{ src, off int64 }{src, off})
	rb.size += int64(n)
	return src
}

// ReadAt reads the rebuilt frames at off in the virtual source.
func (rb *Rebuilt) ReadAt(p []byte, off int64) (int, error) {
	done := 0
	for done < len(p) {
		at := off + int64(done)
		i := sort.Search(len(rb.at), func(i int) bool { return rb.at[i].src > at }) - 1
		if i < 0 || at >= rb.size {
			return done, io.EOF
		}
		if rb.frame == nil || rb.frameAt != i {
			f, err := rb.build(rb.at[i].off)
			if err != nil {
				return done, err
			}
			rb.frame, rb.frameAt = f, i
		}
		k := copy(p[done:], rb.frame[min(at-rb.at[i].src, int64(len(rb.frame))):])
		if k == 0 {
			return done, msg.New("har.changed", "the HAR file changed since it was read")
		}
		done += k
	}
	return done, nil
}

// build reads the message object at off of the file again and rebuilds its
// frame, with the same made-up key as the first time.
func (rb *Rebuilt) build(off int64) ([]byte, error) {
	rd := &reader{s: jsontext.NewScanner(io.NewSectionReader(rb.file, off, 1<<62))}
	t, err := rd.next()
	if err == nil && t.Kind != jsontext.BeginObject {
		err = msg.New("har.not-message", "not a message object")
	}
	var m *Message
	if err == nil {
		m, err = rd.message(t.Offset)
	}
	if err != nil {
		why := msg.Text{Message: err.Error()}
		if t, ok := err.(msg.Text); ok {
			why = t
		} else if e, ok := err.(*Error); ok {
			why = e.Text
		}
		return nil, msg.New("har.reread", "reading the HAR's message at byte {offset} again: {why}", "offset", off, "why", why)
	}
	return AppendMessageFrame(nil, decoder.Opcode(m.Opcode&0xf), m.Data, m.Send, keyFor(off)), nil
}

// DecodeIndexed decodes like Decode, into opts.Index (see decoder.Index),
// whose source it sets to the frames rebuilt from file (the same bytes r
// reads) as they are asked for: the index keeps its small records and 16
// bytes per message, not the frames.
func DecodeIndexed(r io.Reader, file io.ReaderAt, in decoder.Input, opts decoder.Options) *decoder.Result {
	rb := &Rebuilt{file: file}
	opts.Index.SetSource(rb)
	return decode(r, in, opts, rb)
}
