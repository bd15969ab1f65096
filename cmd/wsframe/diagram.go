package main

import (
	"fmt"
	"strings"

	"github.com/wsframe/wsframe/decoder"
)

// The diagram is drawn as RFC 6455 section 5.2 draws a frame: rows of 32
// bits, two columns a bit, fields boxed with + - and |.
const rowBits = 32

// segment is the part of a field that falls within one row.
type segment struct {
	field      *decoder.Field
	start, end int // bits within the row, end exclusive
	fstart     int // the segment's first bit, counted within the field
}

func (s segment) bits() int { return s.end - s.start }

// writeDiagram draws the fields of one frame.
func writeDiagram(w *strings.Builder, fields []decoder.Field, frame *decoder.Frame, pal palette) {
	w.WriteString(" 0                   1                   2                   3\n")
	w.WriteString(" 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1\n")
	headerBits := payloadStart(fields)
	// The payload (or a close frame's reason) fills the rest of its row, or a row of its own.
	rows := fields[len(fields)-1].BitOffset/rowBits + 1
	var prev []segment
	for r := 0; r < rows; r++ {
		segs := rowSegments(fields, r, headerBits)
		writeBorder(w, prev, segs)
		writeCells(w, segs, pal, func(s segment) string { return cellBits(s, frame) }, true)
		writeCells(w, segs, pal, label, false)
		writeCells(w, segs, pal, func(s segment) string { return value(s, frame) }, false)
		prev = segs
	}
	writeBorder(w, prev, nil)
}

// payloadStart is the bit where the payload begins: where websocket.payload,
// or a close frame's status code, starts.
func payloadStart(fields []decoder.Field) int {
	for _, f := range fields {
		if strings.HasPrefix(f.Name, "websocket.payload") && !strings.HasPrefix(f.Name, "websocket.payload_length") {
			return f.BitOffset
		}
	}
	return fields[len(fields)-1].BitOffset
}

// fillsRow says whether a field is drawn to the end of its row: the
// payload and the close reason, whose length has no bound.
func fillsRow(f *decoder.Field) bool {
	return f.Name == "websocket.payload" || f.Name == "websocket.payload.close.reason"
}

// rowSegments cuts the fields into the pieces that lie in row r. The
// payload fills what is left of the row after the header.
func rowSegments(fields []decoder.Field, r, headerBits int) []segment {
	lo, hi := r*rowBits, (r+1)*rowBits
	var segs []segment
	for i := range fields {
		f := &fields[i]
		a, b := f.BitOffset, f.BitOffset+f.BitLength
		if fillsRow(f) {
			a, b = f.BitOffset, max(hi, f.BitOffset+1)
		}
		if b <= lo || a >= hi || a == b {
			continue
		}
		start := max(a, lo)
		segs = append(segs, segment{field: f, start: start - lo, end: min(b, hi) - lo, fstart: start - f.BitOffset})
	}
	return segs
}

// writeBorder draws the line between two rows, with + where a field edge
// meets it.
func writeBorder(w *strings.Builder, above, below []segment) {
	line := []byte(strings.Repeat(" ", 2*rowBits+1))
	mark := func(segs []segment) {
		for _, s := range segs {
			for i := 2 * s.start; i <= 2*s.end; i++ {
				if line[i] != '+' {
					line[i] = '-'
				}
			}
			line[2*s.start], line[2*s.end] = '+', '+'
		}
	}
	mark(above)
	mark(below)
	w.WriteString(strings.TrimRight(string(line), " "))
	w.WriteByte('\n')
}

// writeCells draws one text line of a row: each segment's text centred in
// its box. spaced spreads a text of one character a bit over the bit columns.
func writeCells(w *strings.Builder, segs []segment, pal palette, text func(segment) string, spaced bool) {
	for _, s := range segs {
		width := 2*s.bits() - 1
		t := []rune(term(text(s)))
		if spaced && len(t) == s.bits() {
			t = []rune(strings.Join(strings.Split(string(t), ""), " "))
		}
		if len(t) > width {
			t = append(t[:max(width-1, 0)], '…')[:width]
		}
		pad := width - len(t)
		cell := strings.Repeat(" ", pad/2) + string(t) + strings.Repeat(" ", pad-pad/2)
		w.WriteString("|")
		w.WriteString(pal.field(s.field.Name, cell))
	}
	w.WriteString("|\n")
}

// cellBits is the first line of a box: the segment's bits, or for the
// payload its first bytes in hex.
func cellBits(s segment, f *decoder.Frame) string {
	if fillsRow(s.field) {
		skip := (s.field.BitOffset/8 - f.HeaderLength)
		n := (2*s.bits() - 1) / 3
		wire := decoder.Wire(f, skip+n)[f.HeaderLength+skip:]
		var parts []string
		for _, b := range wire {
			parts = append(parts, fmt.Sprintf("%02x", b))
		}
		if skip+len(parts) < len(f.Payload) {
			parts = parts[:max(len(parts)-1, 0)]
			parts = append(parts, "…")
		}
		return strings.Join(parts, " ")
	}
	return s.field.Bits[s.fstart : s.fstart+s.bits()]
}

func label(s segment) string {
	l := s.field.Label
	if s.bits() == 1 {
		return l[:1]
	}
	if s.fstart > 0 {
		l += " (cont.)"
	}
	return l
}

func value(s segment, f *decoder.Frame) string {
	switch s.field.Name {
	case "websocket.payload":
		if f.Masked {
			return fmt.Sprintf("%d bytes, masked", f.PayloadLength)
		}
		return fmt.Sprintf("%d bytes", f.PayloadLength)
	case "websocket.opcode":
		return f.Opcode.String()
	case "websocket.payload.close.status_code":
		return s.field.Display
	case "websocket.payload.close.reason":
		return s.field.Value
	case "websocket.masking_key":
		var out []string
		for i := 0; i < 4; i++ {
			if bit := 8 * i; bit >= s.fstart && bit < s.fstart+s.bits() {
				out = append(out, fmt.Sprintf("%02x", f.MaskKey[i]))
			}
		}
		return strings.Join(out, " ")
	}
	if s.bits() == 1 || s.fstart > 0 {
		return ""
	}
	return s.field.Display
}
