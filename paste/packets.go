package paste

import "bytes"

// Span is a range [Start, End) of pasted text.
type Span struct{ Start, End int }

// SplitPackets finds the packets of a dump of several, as tshark -x and
// Wireshark's Copy as Hex Dump write them: each packet's lines start again
// at offset 0000, and packets are set apart by an empty line. Of a packet
// shown in titled sections ("Frame (74 bytes):", then "Decompressed payload
// (200 bytes):" and the like) only the first, the bytes as captured, is
// kept; the others are tshark's own derivations. It returns the span of
// each packet's dump lines, to be read with Parse and
// FormatWireshark; fewer than two spans mean the text is not a dump of
// several packets.
func SplitPackets(text []byte) []Span {
	var spans []Span
	cur := Span{Start: -1}
	skip := false // inside a derived section
	end := func() {
		if cur.Start >= 0 {
			spans = append(spans, cur)
		}
		cur = Span{Start: -1}
	}
	forLines(text, func(start, stop int) bool {
		line := bytes.TrimSpace(text[start:stop])
		switch {
		case len(line) == 0:
			end()
			skip = false
		case isHeading(line):
			if bytes.HasPrefix(line, []byte("Frame (")) {
				end()
				skip = false
			} else if cur.Start >= 0 || skip {
				skip = true
			}
		case skip:
		default:
			if cur.Start >= 0 && isOffsetZero(line) {
				end() // a packet with no empty line before it
			}
			if cur.Start < 0 {
				cur.Start = start
			}
			cur.End = min(stop+1, len(text))
		}
		return true
	})
	end()
	return spans
}

// isOffsetZero reports whether a dump line starts at offset 0.
func isOffsetZero(line []byte) bool {
	n := 0
	for n < len(line) && line[n] == '0' {
		n++
	}
	return n >= 4 && n < len(line) && (line[n] == ' ' || line[n] == '\t')
}
