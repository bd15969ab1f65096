package paste

import "bytes"

// textColumn returns where the text column of a dump line begins, or -1
// when the line has none: hexdump -C writes it between bars (|GET / HT|),
// od -t x1z between angle brackets (>GET / HT<). It is found by its
// delimiters, so whatever it holds (hex-looking words, bars, brackets) is
// never read as bytes: the opening delimiter is the first one on the line,
// since the hex columns before it hold only digits and spaces, and the
// line must end with the closing one.
func textColumn(line []byte) int {
	line = bytes.TrimRight(line, " \t\r")
	if len(line) < 2 {
		return -1
	}
	var open byte
	switch line[len(line)-1] {
	case '|':
		open = '|'
	case '<':
		open = '>'
	default:
		return -1
	}
	i := bytes.IndexByte(line, open)
	if i < 0 || i == len(line)-1 {
		return -1
	}
	// The column is set off from the hex by white space (or starts the
	// line, for a copy of the text column alone).
	if i > 0 && line[i-1] != ' ' && line[i-1] != '\t' {
		return -1
	}
	return i
}

// hexLines reads text[from:to] as hex line by line, leaving out the text
// column of each line (see textColumn).
func (p *inputParser) hexLines(from, to int) {
	t := p.text
	forLines(t[from:to], func(start, end int) bool {
		start, end = from+start, from+end
		stop := end
		if k := textColumn(t[start:end]); k >= 0 {
			stop = start + k
		}
		p.hexRun(start, stop)
		p.hexRun(end, min(end+1, to)) // the line break ends a lone digit
		return true
	})
}
