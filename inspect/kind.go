package inspect

import (
	"bytes"
	"encoding/binary"
	"strings"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/har"
	"github.com/wsframe/wsframe/paste"
)

// Kind names what an input is, found once from its first bytes the way
// file(1) and libmagic do, and handed on to whatever reads it: a capture,
// a conversation (HAR, Follow TCP Stream, a dump of several packets), a
// TLS key log, raw frame bytes, pasted text, or a file of a kind wsframe
// does not read (an image, an archive, a program ...), which is refused
// with its name rather than decoded as frames.
type Kind struct {
	// ID names the kind in a word: "pcap", "har", "keylog", "png", "text"
	// ... (the page's words for it are by this id).
	ID string
}

// The kinds wsframe reads, each in its own way; every other kind that
// Classify names is one it refuses (Readable is false).
var (
	KindEmpty   = Kind{"empty"}   // nothing but white space
	KindPcap    = Kind{"pcap"}    // a pcap capture
	KindPcapng  = Kind{"pcapng"}  // a pcapng capture
	KindGzip    = Kind{"gzip"}    // a gzip-compressed capture (or not: the capture reader says)
	KindHAR     = Kind{"har"}     // a HAR file, or one HAR entry
	KindFollow  = Kind{"follow"}  // Wireshark's Follow TCP Stream
	KindPackets = Kind{"packets"} // a dump of several packets (tshark -x)
	KindKeyLog  = Kind{"keylog"}  // an NSS key log (SSLKEYLOGFILE)
	KindFrames  = Kind{"frames"}  // raw frame bytes that chain as frames
	KindBinary  = Kind{"binary"}  // binary of no kind named here, not frames
	KindJSON    = Kind{"json"}    // JSON that is not a HAR: read as a paste
	KindText    = Kind{"text"}    // pasted text: hex, dumps, base64 ...
)

// kindNames are the kinds' names in a sentence ("this is a PNG image"),
// in English, id then name; the page has its own words by id. A list, not
// a map: static data weighs less in the page's first program than a map
// built at start.
var kindNames = [...]string{
	"empty", "empty", "pcap", "a pcap capture", "pcapng", "a pcapng capture",
	"gzip", "a gzip-compressed file", "har", "a HAR file or entry", "follow", "a Follow TCP Stream",
	"packets", "a dump of several packets", "keylog", "a TLS key log (SSLKEYLOGFILE)",
	"frames", "raw WebSocket frames", "binary", "binary data of a kind wsframe does not know",
	"json", "JSON", "text", "text",

	"png", "a PNG image", "jpeg", "a JPEG image", "gif", "a GIF image", "webp", "a WebP image",
	"bmp", "a BMP image", "tiff", "a TIFF image", "ico", "an icon (ICO)", "avif", "an AVIF image",
	"heic", "a HEIC image", "svg", "an SVG image", "psd", "a Photoshop image",
	"zip", "a ZIP archive", "office", "an office document (Word, Excel, PowerPoint or OpenDocument)",
	"ole", "an old office document (Word, Excel or PowerPoint 97-2003)", "jar", "a Java archive",
	"tar", "a tar archive", "7z", "a 7-Zip archive", "rar", "a RAR archive", "bzip2", "a bzip2-compressed file",
	"xz", "an xz-compressed file", "zstd", "a zstd-compressed file", "pdf", "a PDF document",
	"elf", "an ELF executable", "pe", "a Windows executable", "macho", "a Mach-O executable",
	"wasm", "a WebAssembly module", "class", "a Java class file", "sqlite", "an SQLite database",
	"mp4", "an MP4 or QuickTime video", "webm", "a WebM or Matroska video", "ogg", "an Ogg audio or video file",
	"wav", "a WAV audio file", "avi", "an AVI video", "mp3", "an MP3 audio file", "flac", "a FLAC audio file",
	"woff", "a web font", "ttf", "a font", "html", "an HTML page", "xml", "an XML document",
	"script", "a script", "pem", "a PEM certificate or key",
}

// String is the kind's id.
func (k Kind) String() string { return k.ID }

// Name is the kind in a sentence: "a PNG image".
func (k Kind) Name() string {
	for i := 0; i+1 < len(kindNames); i += 2 {
		if kindNames[i] == k.ID {
			return kindNames[i+1]
		}
	}
	return k.ID
}

// The tests of a kind are not inlined: each compares strings, and copied
// into every caller they weigh about 1.2 KB of gzip in the page's first
// program, for nothing a paste's speed would notice.

// IsCapture reports whether k is a capture file (pcap, pcapng, gzip).
//
//go:noinline
func (k Kind) IsCapture() bool { return k == KindPcap || k == KindPcapng || k == KindGzip }

// IsConversation reports whether k is read as a whole conversation (a
// HAR, a Follow TCP Stream, a dump of several packets) rather than as
// frames.
//
//go:noinline
func (k Kind) IsConversation() bool { return k == KindHAR || k == KindFollow || k == KindPackets }

// NeedsFull reports whether k is read only by a program that reads
// captures and conversations (the native command, the page's full
// program): captures and conversations. A Kit asks it.
//
//go:noinline
func (k Kind) NeedsFull() bool { return k.IsCapture() || k.IsConversation() }

// Readable reports whether wsframe reads k as an input at all: captures,
// conversations, frames and pasted text. A key log is not an input but
// goes beside a capture; every other kind is refused with its name.
//
//go:noinline
func (k Kind) Readable() bool {
	switch k {
	case KindEmpty, KindFrames, KindJSON, KindText:
		return true
	}
	return k.NeedsFull()
}

// Refusal says why wsframe does not read an input of kind k, and what it
// reads; "" for a kind it reads. head is the input's first bytes, named
// for a binary of unknown kind.
func (k Kind) Refusal(head []byte) string {
	switch {
	case k.Readable():
		return ""
	case k == KindKeyLog:
		return "this is a TLS key log (SSLKEYLOGFILE), not a capture: give it with -keylog beside the capture, as in wsframe -keylog keys.txt capture.pcapng"
	case k == KindBinary:
		return "these bytes are not a capture and do not read as WebSocket frames (they start " + hexStart(head) +
			"); " + reads
	}
	return "this is " + k.Name() + ", not a capture or WebSocket frames; " + reads
}

// reads is what wsframe reads, for a refusal.
const reads = "wsframe reads pcap and pcapng captures, HAR files, and frames as raw bytes or pasted as hex or base64"

// hexStart writes the first bytes of b as hex, "81 0c 48 65 …".
func hexStart(b []byte) string {
	const digits = "0123456789abcdef"
	var s strings.Builder
	for i, c := range b[:min(len(b), 8)] {
		if i > 0 {
			s.WriteByte(' ')
		}
		s.WriteByte(digits[c>>4])
		s.WriteByte(digits[c&15])
	}
	if len(b) > 8 {
		s.WriteString(" …")
	}
	return s.String()
}

// HeadSize is how many first bytes Classify looks at for a signature;
// a reader of a stream gives it at least these.
const HeadSize = 4096

// Classify names the kind of data (or of its first HeadSize bytes and
// more, for a file read as a stream) from its content; format is the
// paste form the user forced ("" to detect), which settles the kind of
// text. It only looks: signatures, a key log's first line, the opening
// of a HAR, and for bytes that are not text whether they chain as frames.
func Classify(data []byte, format string) Kind { return classify(data, format, Signature) }

// Classify is Classify in a program of kit k, whose Magic names files by
// their signatures: nil in the page's first program, which reads pasted
// text only and so never sees an image's or an archive's bytes (the full
// program and the command read files and have it).
func (k Kit) Classify(data []byte, format string) Kind { return classify(data, format, k.Magic) }

// classify is Classify with magic, the signatures of binary kinds (nil:
// none).
func classify(data []byte, format string, magic func(head []byte, weak bool) (Kind, bool)) Kind {
	switch format {
	case "":
	case "har":
		return KindHAR
	case paste.FormatBinary:
		return KindFrames
	default:
		if k := Conversation(data, format); k != "" {
			return conversationKind(k)
		}
		return KindText
	}
	if kind, ok := capture.Detect(data); ok {
		switch kind {
		case "pcapng":
			return KindPcapng
		case "gzip":
			return KindGzip
		}
		return KindPcap
	}
	head := data[:min(len(data), HeadSize)]
	if magic != nil {
		if k, ok := magic(head, false); ok {
			return k
		}
	}
	t := bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")
	if len(t) == 0 {
		return KindEmpty
	}
	if !text(head) {
		// Raw frame bytes are tried before any text test: a text frame's
		// payload is often letters (81 2b + 43 letters).
		if Chain(data).Frames() {
			return KindFrames
		}
		if magic != nil {
			if k, ok := magic(head, true); ok {
				return k
			}
		}
		if capture.IsTCP(data) {
			return KindFrames // a whole packet, its frames in its TCP payload
		}
		return KindBinary
	}
	if isHAROpening(t) || har.Detect(head) {
		return KindHAR
	}
	if k := Conversation(data, ""); k != "" {
		return conversationKind(k)
	}
	if isKeyLog(t) {
		return KindKeyLog
	}
	if k, ok := textSignature(t); ok {
		return k
	}
	if t[0] == '{' || t[0] == '[' {
		return KindJSON
	}
	return KindText
}

func conversationKind(k string) Kind {
	switch k {
	case HAR:
		return KindHAR
	case Follow:
		return KindFollow
	}
	return KindPackets
}

// isHAROpening reports whether t opens as a HAR file does, {"log":,
// wherever its entries come later.
func isHAROpening(t []byte) bool {
	if len(t) == 0 || t[0] != '{' {
		return false
	}
	t = bytes.TrimLeft(t[1:], " \t\r\n")
	if !bytes.HasPrefix(t, []byte(`"log"`)) {
		return false
	}
	t = bytes.TrimLeft(t[5:], " \t\r\n")
	return len(t) > 0 && t[0] == ':'
}

// text reports whether head reads as text: no control bytes but white
// space, and valid UTF-8 (a text cut inside its last character counts).
func text(head []byte) bool {
	for i := 0; i < len(head); {
		c := head[i]
		if c < 0x80 {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		n := 0
		switch {
		case c&0xe0 == 0xc0 && c >= 0xc2:
			n = 1
		case c&0xf0 == 0xe0:
			n = 2
		case c&0xf8 == 0xf0 && c <= 0xf4:
			n = 3
		default:
			return false
		}
		for j := 1; j <= n; j++ {
			if i+j >= len(head) {
				return len(head) == HeadSize // cut by the head, not by the text
			}
			if head[i+j]&0xc0 != 0x80 {
				return false
			}
		}
		i += n + 1
	}
	return true
}

// isKeyLog reports whether the first line of t that is not a comment is
// a line of an NSS key log: LABEL <client random, 64 hex> <secret, hex>.
func isKeyLog(t []byte) bool {
	for len(t) > 0 {
		line := t
		if i := bytes.IndexByte(t, '\n'); i >= 0 {
			line, t = t[:i], t[i+1:]
		} else {
			t = nil
		}
		line = bytes.Trim(line, " \t\r")
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		return KeyLogLine(line)
	}
	return false
}

// KeyLogLine reports whether line (without its line break) is a line of
// an NSS key log with a secret: an upper-case label (CLIENT_RANDOM,
// CLIENT_TRAFFIC_SECRET_0 ...), a client random of 64 hex digits and a
// secret in hex.
func KeyLogLine(line []byte) bool {
	var f [3][]byte
	n := 0
	for len(line) > 0 {
		// The next field: bytes.Fields would bring Unicode's tables into
		// the page's first program.
		i := 0
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		j := i
		for j < len(line) && !isSpace(line[j]) {
			j++
		}
		if i == j {
			break
		}
		if n == len(f) {
			return false
		}
		f[n], line, n = line[i:j], line[j:], n+1
	}
	if n != 3 || len(f[1]) != 64 || len(f[2]) < 32 {
		return false
	}
	for _, c := range f[0] {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return hexOnly(f[1]) && hexOnly(f[2])
}

func hexOnly(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// magic is a signature: bytes at an offset. Signatures count only where
// the input is not text, but for text ones (%PDF-, GIF89a); weak ones,
// short enough for frames to start with them, only once the bytes are
// known not to chain as frames.
type magic struct {
	at   int
	sig  string
	id   string
	weak bool
}

// magics are the signatures of the kinds wsframe refuses, as libmagic
// knows them; RIFF, ftyp and ZIP are told apart further by what follows.
var magics = []magic{
	{0, "\x89PNG\r\n\x1a\n", "png", false},
	{0, "\xff\xd8\xff", "jpeg", false},
	{0, "GIF87a", "gif", false},
	{0, "GIF89a", "gif", false},
	{0, "II*\x00", "tiff", false},
	{0, "MM\x00*", "tiff", false},
	{0, "8BPS", "psd", false},
	{0, "PK\x03\x04", "zip", false},
	{0, "PK\x05\x06", "zip", false},
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", false},
	{257, "ustar", "tar", false},
	{0, "7z\xbc\xaf\x27\x1c", "7z", false},
	{0, "Rar!\x1a\x07", "rar", false},
	{0, "\xfd7zXZ\x00", "xz", false},
	{0, "\x28\xb5\x2f\xfd", "zstd", false},
	{0, "%PDF-", "pdf", false},
	{0, "\x7fELF", "elf", false},
	{0, "\xfe\xed\xfa\xce", "macho", false},
	{0, "\xfe\xed\xfa\xcf", "macho", false},
	{0, "\xce\xfa\xed\xfe", "macho", false},
	{0, "\xcf\xfa\xed\xfe", "macho", false},
	{0, "\xca\xfe\xba\xbe", "class", false},
	{0, "\x00asm", "wasm", false},
	{0, "SQLite format 3\x00", "sqlite", false},
	{4, "ftyp", "mp4", false},
	{0, "\x1a\x45\xdf\xa3", "webm", false},
	{0, "OggS", "ogg", false},
	{0, "RIFF", "riff", false},
	{0, "fLaC", "flac", false},
	{0, "wOFF", "woff", false},
	{0, "wOF2", "woff", false},
	{0, "OTTO", "ttf", false},
	{0, "\x00\x00\x01\x00", "ico", true},
	{0, "\x00\x01\x00\x00\x00", "ttf", true},
	{0, "BM", "bmp", true},
	{0, "MZ", "pe", true},
	{0, "BZh", "bzip2", true},
	{0, "ID3", "mp3", true},
}

// Signature names a kind from the signature at the start of head, which
// is not text unless the signature is one of text (%PDF-, GIF89a): the
// strong signatures, or the weak ones. It is a Kit's Magic.
func Signature(head []byte, weak bool) (Kind, bool) {
	isText := text(head)
	for _, m := range magics {
		if m.weak != weak || len(head) < m.at+len(m.sig) || string(head[m.at:m.at+len(m.sig)]) != m.sig {
			continue
		}
		if isText && m.id != "pdf" && m.id != "gif" {
			continue
		}
		switch m.id {
		case "riff":
			switch {
			case len(head) >= 12 && string(head[8:12]) == "WEBP":
				return Kind{"webp"}, true
			case len(head) >= 12 && string(head[8:12]) == "WAVE":
				return Kind{"wav"}, true
			case len(head) >= 12 && string(head[8:11]) == "AVI":
				return Kind{"avi"}, true
			}
			continue
		case "mp4":
			switch string(head[8:min(len(head), 12)]) {
			case "avif", "avis":
				return Kind{"avif"}, true
			case "heic", "heix", "mif1", "msf1":
				return Kind{"heic"}, true
			}
		case "zip":
			return Kind{zipKind(head)}, true
		case "ico":
			// An icon's directory: a count of images, 1 to 256.
			if len(head) < 6 || binaryLE16(head[4:]) == 0 || binaryLE16(head[4:]) > 256 {
				continue
			}
		}
		return Kind{m.id}, true
	}
	return Kind{}, false
}

func binaryLE16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }

// zipKind tells an office document or a Java archive from a ZIP by the
// names of its first entries.
func zipKind(head []byte) string {
	switch {
	case bytes.Contains(head, []byte("[Content_Types].xml")), bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument")),
		bytes.Contains(head, []byte("word/")), bytes.Contains(head, []byte("xl/")), bytes.Contains(head, []byte("ppt/")):
		return "office"
	case bytes.Contains(head, []byte("META-INF/MANIFEST.MF")):
		return "jar"
	}
	return "zip"
}

// textSignature names a text kind wsframe does not read from how t (the
// text without leading space) opens: HTML, XML and SVG, scripts, PEM.
func textSignature(t []byte) (Kind, bool) {
	// Lower case by hand: strings.ToLower would bring Unicode's tables.
	b := make([]byte, min(len(t), 256))
	for i := range b {
		c := t[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	low := string(b)
	switch {
	case strings.HasPrefix(low, "<!doctype html"), strings.HasPrefix(low, "<html"):
		return Kind{"html"}, true
	case strings.HasPrefix(low, "<svg"), strings.HasPrefix(low, "<?xml") && strings.Contains(low, "<svg"):
		return Kind{"svg"}, true
	case strings.HasPrefix(low, "<?xml"):
		return Kind{"xml"}, true
	case strings.HasPrefix(low, "#!"):
		return Kind{"script"}, true
	case strings.HasPrefix(low, "-----begin "):
		return Kind{"pem"}, true
	}
	return Kind{}, false
}

// Needs names what a program must read for an input of kind k:
// "capture" for a capture file, "conversation" for a HAR, a Follow TCP
// Stream or a dump of several packets, "" for what every program reads
// (frames, pasted text) or refuses.
func (k Kind) Needs() string {
	switch {
	case k.IsCapture():
		return "capture"
	case k.IsConversation():
		return "conversation"
	}
	return ""
}

// Refuse is the result for an input of a kind wsframe does not read: no
// frames, the input's kind in Input.Refused, and one error that names it
// (also the input's note "refused", with params kind and start, its
// first bytes in hex, for the page's words).
func Refuse(k Kind, data []byte, opts decoder.Options) *decoder.Result {
	in := decoder.Input{Kind: "binary", Bytes: int64(len(data)), Refused: k.ID}
	if text(data[:min(len(data), HeadSize)]) {
		in.Kind, in.Bytes, in.TextBytes = "text", 0, len(data)
	}
	why := k.Refusal(data)
	in.Note, in.NoteID, in.NoteParams = why, "refused", decoder.Params{"kind": k.ID, "start": hexStart(data)}
	s := decoder.NewSession(in, opts)
	s.Errorf(0, "%s", why)
	return s.Result()
}
