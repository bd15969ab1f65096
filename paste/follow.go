package paste

import (
	"bytes"
	"fmt"

	"github.com/wsframe/wsframe/internal/msg"
)

// The forms of Wireshark's Follow TCP Stream that ParseFollow reads.
const (
	// FormatFollowHex is Follow TCP Stream shown as Hex Dump (Wireshark),
	// or tshark -z follow,tcp,hex,N: offset, hex and text columns, the
	// second node's lines indented.
	FormatFollowHex = "follow-hex"
	// FormatFollowRaw is tshark -z follow,tcp,raw,N (and Wireshark's Raw
	// view): one line of hex a segment, the second node's indented.
	FormatFollowRaw = "follow-raw"
)

// Conversation is both directions of one TCP connection, as a Follow TCP
// Stream view lists them: the segments in the order they were sent, each
// from node 0 (unindented lines; tshark's "Node 0", the end that sent the
// first packet) or node 1 (indented lines).
type Conversation struct {
	Format   string
	Nodes    [2]string // the ends' addresses from tshark's header, or ""
	Segments []Segment
}

// Segment is a run of bytes one node sent, and where its first line starts
// in the pasted text.
type Segment struct {
	Node int
	Data []byte
	Text int
}

// IsFollow reports whether text is a Follow TCP Stream in hex dump or raw
// form: tshark's header ("Follow: tcp,hex"); dump or hex lines of which
// some, and not all, are indented (the second node's); or the dump lines
// of one node, whose text column has no bars (hexdump -C's has).
func IsFollow(text []byte) bool {
	if bytes.Contains(text, []byte("Follow: tcp,hex")) || bytes.Contains(text, []byte("Follow: tcp,raw")) {
		return true
	}
	var indented, flush, dump, raw, other, bars int
	forLines(text, func(start, end int) bool {
		line := text[start:end]
		body := bytes.TrimLeft(line, " \t")
		if len(bytes.TrimSpace(body)) == 0 {
			return true
		}
		if bytes.IndexByte(body, '|') >= 0 {
			bars++
		}
		switch {
		case followDumpLine(body):
			dump++
		case isHexLine(body):
			raw++
		default:
			other++
			return false
		}
		if len(body) < len(line) {
			indented++
		} else {
			flush++
		}
		return true
	})
	if other > 0 || dump > 0 && raw > 0 {
		return false
	}
	// Both nodes; or one node's hex dump, whose text column (unlike
	// hexdump -C's) has no bars around it.
	return indented > 0 && flush > 0 || dump > 0 && bars == 0
}

// ParseFollow reads a Follow TCP Stream pasted as text. Errors are placed
// by offset, line and column in text.
func ParseFollow(text []byte) (*Conversation, []Error) {
	c := &Conversation{}
	var errs []Error
	c.Format, c.Nodes, errs = scanFollow(text, c.add)
	return c, errs
}

// FollowPieces reads a Follow TCP Stream as ParseFollow does, but keeps
// none of its bytes: it hands each line's bytes to piece as it reads
// them, in order, with the node that sent them (b is only valid during
// the call), and returns the form, the ends' addresses and the errors.
// A decode that reads text twice this way holds no segment list beside
// the text (a list took 50 bytes a segment, and a copy of every byte).
func FollowPieces(text []byte, piece func(node int, b []byte)) (format string, nodes [2]string, errs []Error) {
	return scanFollow(text, func(node int, b []byte, _ int, _ bool) { piece(node, b) })
}

// scanFollow reads a Follow TCP Stream, handing add each line's bytes
// (valid during the call), the node that sent them, where the line
// starts in text and whether they start a segment rather than continue
// the node's last one.
func scanFollow(text []byte, add func(node int, b []byte, text int, fresh bool)) (format string, nodes [2]string, errs []Error) {
	format = FormatFollowRaw
	var row [16]byte
	var last = -1 // the node of the last segment
	p := &inputParser{text: text}
	var next [2]int // the offset column each node's next line should show
	forLines(text, func(start, end int) bool {
		line := bytes.TrimRight(text[start:end], " \t\r")
		i := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		body := line[i:]
		node := 0
		if i > 0 {
			node = 1
		}
		switch {
		case len(body) == 0, bytes.HasPrefix(body, []byte("====")), bytes.HasPrefix(body, []byte("Filter:")):
		case bytes.HasPrefix(body, []byte("Follow: ")):
			if bytes.Contains(body, []byte(",hex")) {
				format = FormatFollowHex
			}
		case bytes.HasPrefix(body, []byte("Node 0: ")), bytes.HasPrefix(body, []byte("Node 1: ")):
			nodes[body[5]-'0'] = string(bytes.TrimSpace(body[8:]))
		case followDumpLine(body):
			format = FormatFollowHex
			off := hexNumber(body[:8])
			if off != next[node] {
				p.errorAt(start+i, msg.New("paste.err.follow-offset", "this line of node {node} is at offset {offset}, but node {node} sent {sent} bytes before it: are lines missing or repeated?", "node", node, "offset", fmt.Sprintf("0x%X", off), "sent", fmt.Sprintf("0x%X", next[node])))
			}
			b := dumpRowBytes(row[:0], body)
			next[node] = off + len(b)
			if len(b) > 0 {
				add(node, b, start, off == 0 || last != node)
				last = node
			}
		case isHexLine(body):
			before := len(p.out)
			p.hexRun(start+i, start+len(line))
			p.flushNibble()
			if b := p.out[before:]; len(b) > 0 {
				add(node, b, start, true)
				last = node
			}
			p.out = p.out[:before]
		default:
			p.errorAt(start+i, badChar(text, start+i, msg.New("paste.want.follow", "the start of a Follow TCP Stream line (an offset, or hex)")))
		}
		return true
	})
	if p.dropped > 0 {
		p.errs = append(p.errs, ErrorAt(int64(len(text)), morePproblems(p.dropped)))
	}
	Place(text, p.errs)
	return format, nodes, p.errs
}

// add appends b to the last segment when it continues it, or starts one.
func (c *Conversation) add(node int, b []byte, text int, fresh bool) {
	if len(b) == 0 {
		return
	}
	if n := len(c.Segments); !fresh && n > 0 && c.Segments[n-1].Node == node {
		c.Segments[n-1].Data = append(c.Segments[n-1].Data, b...)
		return
	}
	c.Segments = append(c.Segments, Segment{Node: node, Data: append([]byte(nil), b...), Text: text})
}

// followDumpLine reports whether line (without its indentation) starts
// like a hex dump line of Follow TCP Stream: eight hex digits of offset,
// two spaces, a byte.
func followDumpLine(line []byte) bool {
	if len(line) < 12 || line[8] != ' ' || line[9] != ' ' {
		return false
	}
	for _, c := range line[:8] {
		if !isHexDigit(c) {
			return false
		}
	}
	return isHexDigit(line[10]) && isHexDigit(line[11])
}

// dumpRowBytes appends to out the hex column of a Follow TCP Stream dump line,
// byte i at column 10+3i (one more from the ninth on). Positions, not
// tokens, decide, so the text column after it is never read as hex: a short
// last line is padded with spaces up to the text column.
func dumpRowBytes(out, line []byte) []byte {
	for i := 0; i < 16; i++ {
		at := 10 + 3*i
		if i >= 8 {
			at++
		}
		if at+1 >= len(line) || !isHexDigit(line[at]) || !isHexDigit(line[at+1]) ||
			at+2 < len(line) && line[at+2] != ' ' {
			break
		}
		hi, _ := hexValue(line[at])
		lo, _ := hexValue(line[at+1])
		out = append(out, hi<<4|lo)
	}
	return out
}

// isHexLine reports whether line is hex digits only, as tshark's raw
// follow form writes a segment.
func isHexLine(line []byte) bool {
	line = bytes.TrimRight(line, " \t\r")
	if len(line) < 2 {
		return false
	}
	for _, c := range line {
		if !isHexDigit(c) {
			return false
		}
	}
	return true
}

func hexNumber(b []byte) int {
	n := 0
	for _, c := range b {
		v, _ := hexValue(c)
		n = n<<4 | int(v)
	}
	return n
}
