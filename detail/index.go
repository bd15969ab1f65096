package detail

import "github.com/wsframe/wsframe/decoder"

// FromIndex is FromResult for a capture read into an index (decoder.Index):
// frame i with its whole payload and its message are read again from the
// source, nothing else is materialized, and other frames' payloads are read
// when Build asks for them. r is the decode's result (its connections and
// handshake). The message's data is cut to maxMessage bytes (flagged
// data_truncated), or whole when maxMessage < 0.
func FromIndex(ix *decoder.Index, r *decoder.Result, i int, ext *decoder.Extension, maxMessage int) (*Source, error) {
	f, err := ix.Frame(i, -1)
	if err != nil {
		return nil, err
	}
	src := &Source{Frame: f, Handshake: r.Handshake, Extension: ext, Payload: func(j int) []byte {
		g, err := ix.Frame(j, -1)
		if err != nil {
			return nil
		}
		return g.Payload
	}}
	if k := f.Message; k >= 0 {
		// The message's frame numbers are read from the index as Build
		// lists them, not all of them.
		if maxMessage < 0 {
			src.Message, err = ix.MessageWithoutFrames(k)
		} else {
			src.Message, err = ix.MessagePreviewWithoutFrames(k, maxMessage)
		}
		if err != nil {
			return nil, err
		}
		src.MessageFrames = func() (int, func(j int) int) { return ix.MessageFrames(k) }
	}
	if c := f.Connection; c != nil && *c < len(r.Connections) {
		src.Connection = &r.Connections[*c]
		src.Handshake = src.Connection.Handshake
		src.Extension = nil
	}
	return src, nil
}

// NewIndexView is a view of result r whose frames and messages are in ix;
// reconstructed says that the frames were rebuilt from their messages (a
// HAR's).
func NewIndexView(r *decoder.Result, ix *decoder.Index, reconstructed bool) *View {
	return &View{r: r, lists: &inIndex{r, ix, reconstructed}}
}

// inIndex is a view's lists in an index.
type inIndex struct {
	r  *decoder.Result
	ix *decoder.Index
	// reconstructed marks every frame rebuilt from its message (a HAR's).
	reconstructed bool
}

func (l *inIndex) frames() int   { return l.ix.Frames() }
func (l *inIndex) messages() int { return l.ix.Messages() }

func (l *inIndex) frameRange(start, end, cut int) ([]decoder.Frame, error) {
	out := make([]decoder.Frame, 0, end-start)
	for i := start; i < end; i++ {
		f, err := l.ix.Frame(i, cut)
		if err != nil {
			return nil, err
		}
		f.Reconstructed = l.reconstructed
		out = append(out, *f)
	}
	return out, nil
}

// messageRange reads each message again from at most MaxMessage bytes (or
// cut, when more) to read it in its protocol, whole when cut < 0.
func (l *inIndex) messageRange(start, end, cut int, brief bool) ([]decoder.Message, error) {
	read := -1
	if cut >= 0 {
		read = max(MaxMessage, cut)
	}
	out := make([]decoder.Message, 0, end-start)
	for k := start; k < end; k++ {
		var m *decoder.Message
		var err error
		if brief {
			// A row's frame numbers are read from the index as RowFrames
			// lists them, not all of them.
			if m, err = l.ix.MessagePreviewWithoutFrames(k, read); err == nil {
				count, at := l.ix.MessageFrames(k)
				RowFrames(m, count, at)
			}
		} else {
			m, err = l.ix.MessagePreview(k, read)
		}
		if err != nil {
			return nil, err
		}
		one := l.r.WithReadings([]decoder.Message{*m}, brief)
		if cut > 0 {
			one = decoder.Preview(&decoder.Result{Messages: one}, cut).Messages
		}
		out = append(out, one[0])
	}
	return out, nil
}

func (l *inIndex) on(frames bool, c int) []int {
	list := []int{}
	if frames {
		for i := range l.ix.Frames() {
			if l.ix.FrameConnection(i) == c {
				list = append(list, i)
			}
		}
		return list
	}
	for k := range l.ix.Messages() {
		if l.ix.MessageConnection(k) == c {
			list = append(list, k)
		}
	}
	return list
}

// source is FromIndex, the frame's message cut as the frame's bytes are
// (a message inflating to 32 MiB is not sent whole to be shown).
func (l *inIndex) source(i int) (*Source, error) {
	if i < 0 || i >= l.ix.Frames() {
		return nil, NoFrame(i, l.ix.Frames())
	}
	src, err := FromIndex(l.ix, l.r, i, nil, MaxMessage)
	if err == nil {
		src.Frame.Reconstructed = l.reconstructed
	}
	return src, err
}
