// Package detail builds what the page and the command show for one frame:
// its fields, its bytes as on the wire, the steps of its unmasking and, for
// a compressed message, its DEFLATE data and blocks. It is pure: the same
// frame, message and handshake give the same detail, whether the page's
// wasm or the command asks (wsframe -frame N -json prints the object the
// page's frame(N) returns).
package detail

import (
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
)

// Detail is everything shown for one frame.
type Detail struct {
	// Frame is the frame with its whole payload.
	Frame          *decoder.Frame       `json:"frame"`
	Bytes          decoder.Hex          `json:"bytes"`
	BytesTruncated bool                 `json:"bytes_truncated,omitempty"`
	HeaderLength   int                  `json:"header_length"`
	Fields         []decoder.Field      `json:"fields"`
	Steps          []decoder.UnmaskStep `json:"steps"`
	StepsTotal     int                  `json:"steps_total"`
	Message        *decoder.Message     `json:"message"`
	// MessageFramesTotal, MessageFramesTruncated and MessageFramesCutAt
	// are set when Message.Frames lists only some of its frames (at most
	// MaxMessageFrames): how many it has, and the places in Message.Frames
	// before which frames are left out. (Here, not in decoder.Message,
	// which every message of a result holds.)
	MessageFramesTotal     int                 `json:"message_frames_total,omitempty"`
	MessageFramesTruncated bool                `json:"message_frames_truncated,omitempty"`
	MessageFramesCutAt     []int               `json:"message_frames_cut_at,omitempty"`
	Handshake              *decoder.Handshake  `json:"handshake"`
	Connection             *decoder.Connection `json:"connection,omitempty"`
	// For a compressed message: its DEFLATE data (the frames' payloads
	// joined, or this frame's under deflate-frame) and the blocks in it.
	Compressed    decoder.Hex            `json:"compressed,omitempty"`
	DeflateBlocks []decoder.DeflateBlock `json:"deflate_blocks,omitempty"`
	DeflateError  string                 `json:"deflate_error,omitempty"`
	// DeflateErrorID and DeflateErrorParams name DeflateError's sentence
	// for the page's words (internal/msg), as a message's problem_id.
	DeflateErrorID     string         `json:"deflate_error_id,omitempty"`
	DeflateErrorParams decoder.Params `json:"deflate_error_params,omitempty"`
}

// deflateError sets d's DeflateError and its sentence's id and params.
func (d *Detail) deflateError(t msg.Text) {
	d.DeflateError, d.DeflateErrorID, d.DeflateErrorParams = t.Message, t.ID, t.Params
}

// Source is what a detail is built from.
type Source struct {
	Frame   *decoder.Frame   // with its whole payload
	Message *decoder.Message // the frame's message, nil when it has none
	// Connection and Handshake are the frame's connection and its opening
	// handshake (or the handshake pasted before the frames), nil when none.
	Connection *decoder.Connection
	Handshake  *decoder.Handshake
	// Extension is the extension pasted frames were declared to be sent
	// under, when no handshake says.
	Extension *decoder.Extension
	// Payload returns the whole payload of frame i of the same decode, for
	// the DEFLATE data of a message of several frames.
	Payload func(i int) []byte
	// MessageFrames counts the frames of Message and gives the j-th (in
	// the message's order), for a message whose Frames list was not made
	// (an index's); nil: Message.Frames.
	MessageFrames func() (int, func(j int) int)
}

// MaxMessageFrames bounds the frames of its message a frame's detail
// lists: a message of 200,000 fragments is not sent whole with each of
// them. Past it the list holds the message's first and last
// edgeFrames and those around the frame shown, and the detail says
// message_frames_total, message_frames_truncated and message_frames_cut_at.
const MaxMessageFrames = 64

// edgeFrames is how many of the first and of the last frames a cut list keeps.
const edgeFrames = 8

// messageFrames counts the frames of src's message and gives the j-th.
func (src *Source) messageFrames() (int, func(j int) int) {
	if src.MessageFrames != nil {
		return src.MessageFrames()
	}
	fs := src.Message.Frames
	return len(fs), func(j int) int { return fs[j] }
}

// listFrames is the list of a message's frames a detail of frame fi
// carries, and a list row too (fi < 0: no frame shown): all count of
// them up to MaxMessageFrames, else the first and last edgeFrames and the
// rest of the bound around fi, with total (count; 0 when the list is
// whole) and the places in the list before which frames are left out.
// Only the frames listed are read.
func listFrames(count int, at func(j int) int, fi int) (frames []int, total int, cutAt []int) {
	if count <= MaxMessageFrames {
		frames = make([]int, count)
		for j := range count {
			frames[j] = at(j)
		}
		return frames, 0, nil
	}
	// A message's frames are in decode order: find fi's place.
	pos, hi := 0, count
	for pos < hi {
		if j := int(uint(pos+hi) >> 1); at(j) < fi {
			pos = j + 1
		} else {
			hi = j
		}
	}
	half := (MaxMessageFrames - 2*edgeFrames) / 2
	lo := min(max(pos-half, edgeFrames), count-edgeFrames-2*half)
	frames = make([]int, 0, MaxMessageFrames)
	for _, span := range [][2]int{{0, edgeFrames}, {lo, lo + 2*half}, {count - edgeFrames, count}} {
		for j := span[0]; j < span[1]; j++ {
			frames = append(frames, at(j))
		}
	}
	if lo > edgeFrames {
		cutAt = append(cutAt, edgeFrames)
	}
	if lo+2*half < count-edgeFrames {
		cutAt = append(cutAt, edgeFrames+2*half)
	}
	return frames, count, cutAt
}

// RowFrames bounds m's Frames as a list row carries them (the page's
// message list): by listFrames, as a detail's, with no frame shown, so
// that past MaxMessageFrames it lists the first 56 and the last 8 (one
// cut, always at place 56); count and at give its frames (nil at:
// m.Frames). FramesTotal and FramesTruncated say the cut.
func RowFrames(m *decoder.Message, count int, at func(j int) int) {
	if at == nil {
		fs := m.Frames
		count, at = len(fs), func(j int) int { return fs[j] }
	}
	frames, total, _ := listFrames(count, at, -1)
	m.Frames, m.FramesTotal, m.FramesTruncated = frames, int32(total), total > 0
}

// Options choose how much of a large frame to show; zero means the default.
type Options struct {
	MaxBytes  int // wire bytes to include (default 64 KiB)
	Steps     int // unmask steps to list (default 1024)
	StepsFrom int // the first of them
}

// The defaults of Options.
const (
	DefaultMaxBytes = 64 << 10
	DefaultSteps    = 1024
)

// maxBlockFrames caps the frames whose DEFLATE data a detail joins to list
// its blocks (a message of many empty fragments is not read whole).
const maxBlockFrames = 4096

// maxBlockWalk caps the DEFLATE data whose blocks a detail lists.
const maxBlockWalk = 1 << 20

// Extension returns the compression extension in force for src's frame:
// the handshake's, or the one declared for pasted frames.
func (src *Source) extension() *decoder.Extension {
	if e := src.Handshake.Negotiated(); e != nil {
		return e
	}
	return src.Extension
}

// Compressed says whether RSV1 marks compressed data for src's frame: a
// compression extension is in force, or its message was compressed.
func Compressed(src *Source) bool {
	return src.extension() != nil || src.Message != nil && src.Message.Compressed
}

// Build builds the detail of src's frame.
func Build(src *Source, o Options) *Detail {
	f := src.Frame
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Steps <= 0 {
		o.Steps = DefaultSteps
	}
	d := &Detail{Frame: f, HeaderLength: f.HeaderLength, Handshake: src.Handshake, Connection: src.Connection}
	if src.Message != nil {
		m := *src.Message
		count, at := src.messageFrames()
		m.Frames, d.MessageFramesTotal, d.MessageFramesCutAt = listFrames(count, at, f.Index)
		d.MessageFramesTruncated = d.MessageFramesTotal > 0
		d.Message = &m
	}
	d.Bytes = decoder.Wire(f, o.MaxBytes)
	d.BytesTruncated = len(f.Payload) > o.MaxBytes
	d.Fields = decoder.Fields(f, Compressed(src))
	addDeflate(d, src)
	d.Steps = []decoder.UnmaskStep{}
	if f.Masked {
		d.Steps = decoder.UnmaskSteps(f, o.StepsFrom, o.Steps)
		d.StepsTotal = len(f.Payload)
	}
	return d
}

// addDeflate fills in the compressed data of d's message and its blocks.
func addDeflate(d *Detail, src *Source) {
	m := src.Message
	if m == nil || !m.Compressed {
		return
	}
	var data []byte
	if ext := src.extension(); ext == nil || ext.PerMessage() {
		count, at := src.messageFrames()
		if count > maxBlockFrames {
			d.deflateError(msg.New("blocks.frames", "the compressed data is in more than {max} frames, too many to list its blocks", "max", maxBlockFrames))
			return
		}
		for j := range count {
			fi := at(j)
			p := src.Frame.Payload
			if fi != src.Frame.Index {
				p = src.Payload(fi)
			}
			data = append(data, p...)
			if len(data) > maxBlockWalk {
				d.deflateError(msg.New("blocks.large", "the compressed data is too large to list its blocks"))
				return
			}
		}
	} else {
		data = src.Frame.Payload
	}
	d.Compressed = data
	blocks, err := decoder.DeflateBlocks(data, 0)
	d.DeflateBlocks = blocks
	if err != nil {
		d.deflateError(decoder.DeflateBlocksText(err))
	}
}

// FromResult builds the Source of frame i of r, a decode with whole
// payloads; ext is the extension declared for pasted frames, if any.
func FromResult(r *decoder.Result, i int, ext *decoder.Extension) *Source {
	f := &r.Frames[i]
	src := &Source{Frame: f, Handshake: r.Handshake, Extension: ext,
		Payload: func(j int) []byte { return r.Frames[j].Payload }}
	if f.Message >= 0 && f.Message < len(r.Messages) {
		src.Message = &r.Messages[f.Message]
	}
	if f.Connection != nil && *f.Connection < len(r.Connections) {
		src.Connection = &r.Connections[*f.Connection]
		src.Handshake = src.Connection.Handshake
		src.Extension = nil
	}
	return src
}
