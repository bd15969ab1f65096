package decoder

import (
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/paste"
	"github.com/wsframe/wsframe/reading"
)

// Version is the version of the result contract (docs/contract.md).
const Version = 1

// Result is one decode result: the JSON contract shared by the command line,
// the page's JS API and the tests. Field names never change without a bump of
// Version; new fields may be added.
type Result struct {
	Version     int          `json:"version"`
	Input       Input        `json:"input"`
	Connections []Connection `json:"connections"`
	Frames      []Frame      `json:"frames"`
	Messages    []Message    `json:"messages"`
	Errors      []Error      `json:"errors"`

	// Handshake is an opening handshake pasted before the frames, if any
	// (captures put theirs in Connections).
	Handshake *Handshake `json:"handshake,omitempty"`

	// Hint says what pasted text looks like when it does not read as
	// frames (a message payload as DevTools shows it, say), and how it can
	// be shown instead.
	Hint *Hint `json:"hint,omitempty"`

	// Totals is present when Frames and Messages hold only the first rows
	// of a large result, on request (the page fetches the rest as it
	// scrolls): it gives how many there are in all.
	Totals *Totals `json:"totals,omitempty"`

	// read holds the options messages are read with (ReadMessage).
	read readOptions
	// Stopped is present when reading stopped before the end of the
	// input because what it held would pass the memory budget: how far
	// it read, and why. Everything before that point is decoded.
	Stopped *Stopped `json:"stopped,omitempty"`
}

// Stopped says where and why reading stopped early.
type Stopped struct {
	// Offset is the byte of the input (of a capture, after decompression)
	// at which reading stopped.
	Offset int64 `json:"offset"`
	// Bytes is the input's whole size, when known (else -1).
	Bytes  int64  `json:"bytes"`
	Reason string `json:"reason"`
	// ReasonID and ReasonParams name Reason's sentence for the page's
	// words (internal/msg).
	ReasonID     string `json:"reason_id,omitempty"`
	ReasonParams Params `json:"reason_params,omitempty"`
}

// NewStopped says that reading stopped at offset of bytes, and why.
func NewStopped(offset, bytes int64, why msg.Text) *Stopped {
	return &Stopped{Offset: offset, Bytes: bytes, Reason: why.Message, ReasonID: why.ID, ReasonParams: why.Params}
}

// Hint is what wsframe makes of pasted text that decodes to nothing
// plausible.
type Hint struct {
	// ID is one of "no-bytes", "payload-text", "payload-json",
	// "payload-base64" and "not-frames".
	ID      string `json:"id"`
	Message string `json:"message"`
	// Offers lists how the paste can be shown instead, with
	// Options.AsPayload: "text" (as the payload of a text message) and
	// "binary" (its bytes as the payload of a binary message).
	Offers []string `json:"offers,omitempty"`
	// Params are the values in Message, for the page's words: frame, n
	// and rules (the ids of the header rules that frame breaks), or why
	// ("no-header": not one whole frame header; "cut": the input ends
	// inside a frame).
	Params Params `json:"params,omitempty"`
	// Text is Message as a sentence (internal/msg): its id ("hint." and
	// the hint's id), and why (the broken rules, or why none) as a
	// sentence inside it. The page says it in its language.
	Text msg.Text `json:"text"`
}

// Totals counts the frames and messages of a result whose lists were cut.
type Totals struct {
	Frames   int `json:"frames"`
	Messages int `json:"messages"`
}

// Input says what was decoded: its kind ("hex", "base64", "binary", "pcap",
// "pcapng"), the finer format recognised (for example "xxd" or
// "wireshark-hexdump") and its size in bytes after decoding the text form.
type Input struct {
	Kind   string `json:"kind"`
	Format string `json:"format,omitempty"`
	Bytes  int64  `json:"bytes"`
	// Text is the input's size as text, for pasted forms.
	TextBytes int `json:"text_bytes,omitempty"`
	// Packet is set when the pasted bytes were a whole captured packet
	// (tshark -x, Wireshark's hex dump of a frame) and the frames were read
	// from its TCP payload.
	Packet *Packet `json:"packet,omitempty"`
	// Start is the capture time of a capture's first packet, from which
	// relative times count.
	Start *Stamp `json:"start,omitempty"`
	// TLSKeys counts the TLS sessions a capture's key log and pcapng
	// Decryption Secrets Blocks have secrets for.
	TLSKeys int `json:"tls_keys,omitempty"`
	// TLSSessions counts the capture's TLS connections, and TLSMatched
	// those whose secrets the key log (or the pcapng's secrets blocks) had:
	// the others stay encrypted, listed with why.
	TLSSessions int `json:"tls_sessions,omitempty"`
	TLSMatched  int `json:"tls_matched,omitempty"`
	// Packets counts the packets of a pasted dump of several (tshark -x),
	// read as a capture.
	Packets int `json:"packets,omitempty"`
	// Note says in a sentence what was found, where the counts alone do
	// not: "12 packets, 1 connection over TCP, 1 WebSocket connection", or
	// that a HAR file holds messages, not frame bytes.
	Note string `json:"note,omitempty"`
	// NoteID names Note's sentence for the page's words ("har", "har-empty",
	// "packets", "payload"), and NoteParams holds its values.
	NoteID     string `json:"note_id,omitempty"`
	NoteParams Params `json:"note_params,omitempty"`
	// Refused names the kind of an input wsframe does not read, found from
	// its first bytes ("png", "zip", "keylog", "binary": bytes of no known
	// kind that do not read as frames): nothing is decoded, and the first
	// error says what it is and what wsframe reads.
	Refused string `json:"refused,omitempty"`
}

// Packet describes a pasted packet whose TCP payload held the frames.
type Packet struct {
	Link   string `json:"link"`   // "Ethernet", "raw IP", ...
	Source string `json:"source"` // ip:port
	Dest   string `json:"dest"`
	Offset int    `json:"offset"` // of the TCP payload in the packet
}

// Connection is one TCP connection that carried WebSocket traffic.
type Connection struct {
	ID        int        `json:"id"`
	Client    string     `json:"client"`
	Server    string     `json:"server"`
	Handshake *Handshake `json:"handshake,omitempty"`

	// Frames and Messages count what the connection carried.
	Frames   int `json:"frames"`
	Messages int `json:"messages"`
	// MidStream is true when the capture began after the opening handshake
	// and frames were found by parsing the first bytes seen.
	MidStream bool `json:"mid_stream,omitempty"`
	// Gaps lists bytes that were never captured, per direction.
	Gaps []Gap `json:"gaps,omitempty"`
	// Packets is how many captured packets belong to the connection.
	Packets int `json:"packets,omitempty"`
	// TLS is set for a connection that ran over TLS (wss://): what its
	// handshake said and whether its records could be decrypted.
	TLS *TLS `json:"tls,omitempty"`
	// App is what the connection says as a whole, for an application
	// protocol that runs as a byte stream across messages (MQTT).
	App *reading.App `json:"app,omitempty"`
}

// TLS describes the TLS layer of a connection (wss://).
type TLS struct {
	Version     string   `json:"version,omitempty"`      // "TLS 1.3"; empty before a ServerHello
	CipherSuite string   `json:"cipher_suite,omitempty"` // "TLS_AES_128_GCM_SHA256"
	SNI         string   `json:"sni,omitempty"`          // the server name the client asked for
	ALPN        string   `json:"alpn,omitempty"`         // the protocol agreed (TLS 1.3: known only with keys)
	ALPNOffered []string `json:"alpn_offered,omitempty"` // the client's list
	// ExtendedMasterSecret and EncryptThenMAC: TLS 1.2 extensions the
	// server accepted (RFC 7627, RFC 7366).
	ExtendedMasterSecret bool `json:"extended_master_secret,omitempty"`
	EncryptThenMAC       bool `json:"encrypt_then_mac,omitempty"`
	// Keys says where the session's keys came from: "keylog" (a key log
	// given with the capture), "pcapng" (a Decryption Secrets Block), or
	// empty when none was found.
	Keys string `json:"keys,omitempty"`
	// Decrypted is true when records were decrypted and authenticated;
	// Records counts them.
	Decrypted bool `json:"decrypted"`
	Records   int  `json:"records"`
	// Error says why the connection is not (or no longer) decrypted: no
	// key for the session, a capture begun after the handshake, a record
	// that failed authentication (a wrong key), ...
	Error string `json:"error,omitempty"`
	// ErrorID and ErrorParams name Error's sentence for the page's words
	// (internal/msg).
	ErrorID     string `json:"error_id,omitempty"`
	ErrorParams Params `json:"error_params,omitempty"`
	// Problems lists each problem with where it happened.
	Problems []TLSProblem `json:"problems,omitempty"`
}

// SetError sets Error, with its id and params, from a sentence.
func (t *TLS) SetError(x msg.Text) { t.Error, t.ErrorID, t.ErrorParams = x.Message, x.ID, x.Params }

// TLSProblem is one problem of a TLS connection, located in one direction's
// TCP byte stream.
type TLSProblem struct {
	From    Side   `json:"from"`
	Record  int    `json:"record,omitempty"` // 1-based, in that direction
	Offset  int64  `json:"offset"`           // of the record, in that direction's TCP stream
	Packet  int    `json:"packet,omitempty"`
	Message string `json:"message"`
	// ID and Params name Message's sentence for the page's words.
	ID     string `json:"id,omitempty"`
	Params Params `json:"params,omitempty"`
}

// Gap is a run of stream bytes that were never captured.
type Gap struct {
	From   Side  `json:"from"`
	Offset int64 `json:"offset"` // in that direction's stream
	Bytes  int64 `json:"bytes"`
	Packet int   `json:"packet,omitempty"`
}

// Side says who sent a frame.
type Side string

// The two ends of a WebSocket connection.
const (
	Client Side = "client"
	Server Side = "server"
)

// other returns the opposite side.
func (s Side) other() Side {
	if s == Client {
		return Server
	}
	return Client
}

// Frame is one WebSocket frame (RFC 6455 section 5.2) as far as it could be
// read.
type Frame struct {
	Index      int    `json:"index"`
	Connection *int   `json:"connection,omitempty"` // absent for pasted bytes
	From       Side   `json:"from"`
	Offset     int64  `json:"offset"`
	Fin        bool   `json:"fin"`
	Rsv1       bool   `json:"rsv1"`
	Rsv2       bool   `json:"rsv2"`
	Rsv3       bool   `json:"rsv3"`
	Opcode     Opcode `json:"opcode"`
	Masked     bool   `json:"masked"`
	MaskKey    Hex    `json:"mask_key,omitempty"`
	// PayloadLength is the decoded length, whichever encoding carried it.
	PayloadLength uint64 `json:"payload_length"`
	// Payload is the payload after unmasking, before any decompression. For a
	// truncated frame it holds the bytes that were there.
	Payload    Hex         `json:"payload"`
	Violations []Violation `json:"violations"`

	// OpcodeName names the opcode ("text", "reserved (0x3)").
	OpcodeName string `json:"opcode_name"`
	// HeaderLength is the size of the header in bytes (2 to 14).
	HeaderLength int `json:"header_length"`
	// LengthBits is the width of the length that carried PayloadLength: 7, 16 or 64.
	LengthBits int `json:"length_bits"`
	// Missing counts the bytes of a truncated frame that were not there.
	Missing uint64 `json:"missing,omitempty"`
	// PayloadTruncated is true when Payload was cut to a preview length on
	// request (Options.Preview), or to Options.FrameLimit while decoding;
	// the full payload is PayloadLength bytes.
	PayloadTruncated bool `json:"payload_truncated,omitempty"`
	// Message is the index of the message the frame belongs to, or -1.
	Message int `json:"message"`
	// Time and Packet locate the frame in a capture: the capture time and the
	// 1-based number of the packet that completed it.
	Time   *Stamp `json:"time,omitempty"`
	Packet int    `json:"packet,omitempty"`
	// Record is, on a TLS connection, the 1-based number (in its direction)
	// of the TLS record that completed the frame; FirstRecord the record
	// its first byte came in, when that is another one.
	Record      int `json:"record,omitempty"`
	FirstRecord int `json:"first_record,omitempty"`
	// Reconstructed is true for a frame that was never seen as bytes but
	// rebuilt from its message (a HAR file keeps messages only, and a
	// payload pasted to be shown as a message): its header is what a
	// sender would have written, and a client frame's masking key is made
	// up.
	Reconstructed bool `json:"reconstructed,omitempty"`
}

// End returns the offset just past the frame's last byte as declared by its
// header (which may lie beyond the input for a truncated frame).
func (f *Frame) End() int64 {
	return f.Offset + int64(f.HeaderLength) + int64(f.PayloadLength)
}

// Message is a data message reassembled from its frames, or a control frame.
type Message struct {
	Index      int    `json:"index"`
	Connection *int   `json:"connection,omitempty"`
	From       Side   `json:"from"`
	Opcode     Opcode `json:"opcode"`
	Frames     []int  `json:"frames"`
	Compressed bool   `json:"compressed"`
	// Data is reassembled and, if compressed, inflated.
	Data Hex `json:"data"`
	// Text is Data as text, for text messages whose data is valid UTF-8.
	Text *string `json:"text,omitempty"`

	CloseCode   *int    `json:"close_code,omitempty"`
	CloseReason *string `json:"close_reason,omitempty"`

	// OpcodeName names the opcode of the message.
	OpcodeName string `json:"opcode_name"`
	// CloseName is the registered name of the close code.
	CloseName string `json:"close_name,omitempty"`
	// Length is len(Data) even when Data was cut to a preview.
	Length int `json:"length"`
	// CompressedLength is the size of the payload before inflation.
	CompressedLength int `json:"compressed_length,omitempty"`
	// DataTruncated is true when Data was cut to a preview length on request.
	DataTruncated bool `json:"data_truncated,omitempty"`
	// Complete is false for a fragmented message whose final frame never came.
	Complete bool `json:"complete"`
	// FramesTruncated and FramesTotal are set on a list row (the page's
	// message list) whose Frames lists only some of its frames: its first
	// 56 and its last 8 (detail.RowFrames), and how many it has. A
	// decode's own messages and the command's -json list them all. (Here,
	// beside Complete, they take no more memory: a message of more than
	// 2^31 frames cannot be held.)
	FramesTruncated bool  `json:"frames_truncated,omitempty"`
	FramesTotal     int32 `json:"frames_total,omitempty"`
	// Problem says why data could not be inflated or read, if it could not.
	Problem string `json:"problem,omitempty"`
	// ProblemID and ProblemParams name Problem's sentence for the page's
	// words (internal/msg).
	ProblemID     string `json:"problem_id,omitempty"`
	ProblemParams Params `json:"problem_params,omitempty"`
	// Violations lists message-level rule breaks (invalid UTF-8 and the like).
	Violations []Violation `json:"violations,omitempty"`
	// Reading is what the message says in its application protocol. The
	// decoder leaves it nil; Result.WithReadings fills it in for the
	// messages of an answer.
	Reading *reading.Reading `json:"reading,omitempty"`
}

// Violation is one RFC rule a frame or message breaks.
type Violation struct {
	ID    string `json:"id"`
	RFC   string `json:"rfc"`
	Field string `json:"field"` // a Field.Name of the frame's field table
	// Message is the rule's message in English, its template filled from Params.
	Message string `json:"message"`
	Params  Params `json:"params"`
}

// Error is input that could not be decoded at all: a paste form's error
// (package paste), a capture's, a frame stream's. An alias, so that paste,
// which decoder imports, can make them.
type Error = paste.Error

// textOf is err as a sentence: the one it is, or its words as they are.
func textOf(err error) msg.Text {
	var t msg.Text
	if errors.As(err, &t) {
		return t
	}
	return msg.Text{Message: err.Error()}
}

// errorText is an Error at offset saying m.
func errorText(offset int64, m msg.Text) Error { return paste.ErrorAt(offset, m) }

// Hex is a byte string that marshals to lowercase hex without separators.
type Hex []byte

// MarshalJSON writes the bytes as a JSON string of lowercase hex.
func (h Hex) MarshalJSON() ([]byte, error) {
	out := make([]byte, hex.EncodedLen(len(h))+2)
	out[0] = '"'
	hex.Encode(out[1:], h)
	out[len(out)-1] = '"'
	return out, nil
}

// UnmarshalJSON reads a JSON string of hex.
func (h *Hex) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("hex bytes must be a JSON string, not %.20s", b)
	}
	v, err := hex.DecodeString(string(b[1 : len(b)-1]))
	*h = v
	return err
}

// normalize replaces nil slices by empty ones, so that JSON shows [] and
// never null where the contract promises a list.
func (r *Result) normalize() {
	r.Version = Version
	if r.Connections == nil {
		r.Connections = []Connection{}
	}
	if r.Frames == nil {
		r.Frames = []Frame{}
	}
	if r.Messages == nil {
		r.Messages = []Message{}
	}
	if r.Errors == nil {
		r.Errors = []Error{}
	}
	for i := range r.Frames {
		if r.Frames[i].Violations == nil {
			r.Frames[i].Violations = []Violation{}
		}
		if r.Frames[i].Payload == nil {
			r.Frames[i].Payload = Hex{}
		}
	}
	for i := range r.Messages {
		if r.Messages[i].Data == nil {
			r.Messages[i].Data = Hex{}
		}
		if r.Messages[i].Frames == nil {
			r.Messages[i].Frames = []int{}
		}
	}
}
