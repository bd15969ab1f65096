package reading

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/wsframe/wsframe/internal/msg"
)

// DefaultInflateLimit caps what a gzip or zlib payload inflates to when
// the context names no limit: the decoder's permessage-deflate default.
const DefaultInflateLimit = 32 << 20

// DefaultBudget is what the readings of one answer (the command's list or
// -json, the page's first rows or one call for rows) inflate in all, gzip
// and zlib payloads together (Budget): past it a row's reading says so,
// and the message read on its own (a frame's detail) is inflated whole.
const DefaultBudget = 64 << 20

// Budget is what the readings of one answer may still inflate: each gzip
// or zlib payload read takes what it inflated from Left. The readings run
// one at a time (a program answers one call at a time), so it needs no
// lock.
type Budget struct {
	Total int64 // as stated in the readings past it
	Left  int64
}

// budgetSpent is the id of the error of a reading past the budget.
const budgetSpent = "rd.inflate.budget"

// NewBudget returns a budget of n bytes.
func NewBudget(n int64) *Budget { return &Budget{Total: n, Left: n} }

// zlibHeader reports whether b starts with a zlib header (RFC 1950 2.2):
// method 8 (deflate), a window of at most 32 KiB, no preset dictionary and
// a check that makes CMF*256+FLG a multiple of 31.
func zlibHeader(b []byte) bool {
	return len(b) >= 6 && b[0]&0x0f == 8 && b[0]>>4 <= 7 && b[1]&0x20 == 0 && (uint(b[0])<<8|uint(b[1]))%31 == 0
}

// readCompressed inflates a gzip (RFC 1952) or zlib (RFC 1950) payload
// under the context's limit, and reads what comes out by its content.
func readCompressed(p string, b []byte, c Context) *Reading {
	r := &Reading{Protocol: p}
	limit := c.InflateLimit
	if limit <= 0 {
		limit = DefaultInflateLimit
	}
	var body int // offset of the DEFLATE data
	switch p {
	case "gzip":
		hdr, end, err := gzipHeader(b)
		r.Fields = hdr
		if err != nil {
			r.Error = err
			failed(r, "gzip", err)
			return r
		}
		body = end
	default:
		if !zlibHeader(b) {
			r.Error = errAt(0, msg.New("rd.zlib.header", "not a zlib header: CMF 0x{bytes} (RFC 1950 2.2)", "bytes", hexPreview(b[:min(len(b), 2)])))
			failed(r, "zlib", r.Error)
			return r
		}
		f := Field{Name: "CMF/FLG", Start: 0, End: 2}
		l := line{}
		l.lit("deflate, ")
		l.say(msg.New("rd.zlib.window", "window {size}", "size", byteCount(1<<(8+b[0]>>4))))
		l.value(&f)
		r.Fields = []Field{f}
		body = 2
	}
	// Within the decode's budget: a payload that would inflate past what
	// is left of it stops there, and says so.
	budget := c.Budget
	spent := budget != nil && int64(limit) > budget.Left
	if spent {
		limit = int(max(budget.Left, 0))
	}
	src := bytes.NewReader(b[body:])
	fr := flate.NewReader(src)
	out, err := io.ReadAll(io.LimitReader(fr, int64(limit)+1))
	if budget != nil {
		budget.Left -= int64(len(out))
	}
	used := len(b) - body - src.Len() // compress/flate may read ahead; exact for bytes.Reader
	data := Field{Name: "deflate data", Start: body, End: body + used}
	sayValue(&data, msg.Plural("rd.inflated", len(out), "{n} byte inflated", "{n} bytes inflated"))
	r.Fields = append(r.Fields, data)
	switch {
	case len(out) > limit && spent:
		r.Error = errAt(body, msg.New("rd.inflate.budget", "not inflated in this list (its {budget} for inflating is spent); open the message to read it", "budget", strconv.FormatInt(budget.Total>>20, 10)+" MiB"))
	case len(out) > limit:
		r.Error = errAt(body, msg.New("rd.inflate.limit", "inflates to more than the limit of {limit}", "limit", byteCount(limit)))
	case err != nil:
		r.Error = errAt(body+used, msg.New("rd.inflate.err", "inflating: {err}", "err", err.Error()))
	}
	if r.Error == nil {
		trailer := b[body+used:]
		switch p {
		case "gzip":
			if len(trailer) < 8 {
				r.Error = errAt(body+used, msg.New("rd.gzip.trailer", "the gzip trailer (CRC-32 and size, 8 bytes) is missing"))
			} else if crc := binary.LittleEndian.Uint32(trailer); crc != crc32.ChecksumIEEE(out) {
				r.Error = errAt(body+used, msg.New("rd.gzip.crc", "CRC-32 {crc} does not match the data's {data}", "crc", strconv.FormatUint(uint64(crc), 16), "data", strconv.FormatUint(uint64(crc32.ChecksumIEEE(out)), 16)))
			} else {
				r.Fields = append(r.Fields, Field{Name: "CRC-32, ISIZE", Start: body + used, End: body + used + 8, Value: strconv.FormatUint(uint64(crc), 16) + ", " + strconv.FormatUint(uint64(binary.LittleEndian.Uint32(trailer[4:])), 10)})
				if len(trailer) > 8 {
					r.Error = errAt(body+used+8, msg.New("rd.gzip.after", "{n} after the gzip member", "n", byteCount(len(trailer)-8)))
				}
			}
		default:
			if len(trailer) < 4 {
				r.Error = errAt(body+used, msg.New("rd.zlib.trailer", "the zlib trailer (Adler-32, 4 bytes) is missing"))
			} else if sum := binary.BigEndian.Uint32(trailer); sum != adler32(out) {
				r.Error = errAt(body+used, msg.New("rd.zlib.adler", "Adler-32 does not match the data"))
			} else {
				r.Fields = append(r.Fields, Field{Name: "Adler-32", Start: body + used, End: body + used + 4, Value: strconv.FormatUint(uint64(sum), 16)})
				if len(trailer) > 4 {
					r.Error = errAt(body+used+4, msg.New("rd.zlib.after", "{n} after the zlib stream", "n", byteCount(len(trailer)-4)))
				}
			}
		}
	}
	if r.Error != nil && r.Error.ID == budgetSpent {
		// The row names the protocol already; where it stopped says
		// nothing here.
		var l line
		l.say(msg.Text{ID: r.Error.ID, Params: r.Error.Params, Message: r.Error.Message})
		l.set(r)
		return r
	}
	if r.Error != nil {
		failed(r, p, r.Error)
		return r
	}
	inner := Context{Opcode: Binary, InflateLimit: limit, Budget: budget}
	if bytesValidText(out) {
		inner.Opcode = Text
	}
	var l line
	l.say(byteCount(len(b)))
	l.lit(" → ")
	l.say(byteCount(len(out)))
	if r.Inner = byContent(out, inner); r.Inner != nil {
		r.Inner.By = "content"
		l.lit(": ")
		if len(r.Inner.Say) > 0 {
			l.parts = append(l.parts, r.Inner.Say...)
		} else {
			l.lit(r.Inner.Summary)
		}
		r.Value = r.Inner.Value
	} else if inner.Opcode == Text {
		l.lit(": " + string(out))
	}
	l.set(r)
	return r
}

// gzipHeader reads a gzip member's header (RFC 1952 2.3).
func gzipHeader(b []byte) ([]Field, int, *Error) {
	if len(b) < 10 || b[0] != 0x1f || b[1] != 0x8b {
		return nil, 0, errAt(0, msg.New("rd.gzip.magic", "not gzip: it starts with {bytes}, not 1f 8b", "bytes", hexPreview(b[:min(len(b), 2)])))
	}
	if b[2] != 8 {
		return nil, 0, errAt(2, msg.New("rd.gzip.method", "compression method {method}; gzip defines only 8 (deflate)", "method", int(b[2])))
	}
	flg := b[3]
	fields := []Field{{Name: "ID1 ID2", Start: 0, End: 2, Value: "1f 8b"}, {Name: "CM", Start: 2, End: 3, Value: "8 deflate"},
		{Name: "FLG", Start: 3, End: 4, Value: "0x" + hexPreview(b[3:4])}, {Name: "MTIME, XFL, OS", Start: 4, End: 10}}
	p := 10
	if flg&4 != 0 { // FEXTRA
		if len(b) < p+2 || len(b) < p+2+int(binary.LittleEndian.Uint16(b[p:])) {
			return fields, 0, errAt(p, msg.New("rd.gzip.extra", "the extra field runs past the end"))
		}
		n := int(binary.LittleEndian.Uint16(b[p:]))
		fields = append(fields, Field{Name: "FEXTRA", Start: p, End: p + 2 + n})
		p += 2 + n
	}
	for _, bit := range []struct {
		mask byte
		name string
	}{{8, "FNAME"}, {16, "FCOMMENT"}} {
		if flg&bit.mask != 0 {
			i := bytes.IndexByte(b[p:], 0)
			if i < 0 {
				return fields, 0, errAt(p, msg.New("rd.gzip.zero", "{field} has no terminating zero byte", "field", bit.name))
			}
			fields = append(fields, Field{Name: bit.name, Start: p, End: p + i + 1, Value: quote(string(b[p : p+i]))})
			p += i + 1
		}
	}
	if flg&2 != 0 { // FHCRC
		if len(b) < p+2 {
			return fields, 0, errAt(p, msg.New("rd.gzip.hcrc", "the header CRC runs past the end"))
		}
		fields = append(fields, Field{Name: "FHCRC", Start: p, End: p + 2})
		p += 2
	}
	return fields, p, nil
}

// adler32 is RFC 1950's checksum (hash/adler32 without its interface).
func adler32(b []byte) uint32 {
	const mod = 65521
	a, s := uint32(1), uint32(0)
	for len(b) > 0 {
		n := min(len(b), 5552)
		for _, c := range b[:n] {
			a += uint32(c)
			s += a
		}
		a %= mod
		s %= mod
		b = b[n:]
	}
	return s<<16 | a
}

// bytesValidText reports whether b is UTF-8 without control characters
// other than white space, the SignalR separator and STOMP's closing NUL,
// so that inflated bytes are read as text.
func bytesValidText(b []byte) bool {
	if n := len(b); n > 0 && b[n-1] == 0 {
		b = b[:n-1]
	}
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x1e {
			return false
		}
	}
	return utf8.Valid(b)
}
