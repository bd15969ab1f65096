package decoder

import (
	"errors"
	"fmt"

	"github.com/wsframe/wsframe/internal/msg"
)

// DeflateBlock describes one DEFLATE block (RFC 1951 3.2.3) of a compressed
// payload, for the curious: where it starts, its kind, and what it holds.
type DeflateBlock struct {
	Index int `json:"index"`
	// BitOffset is where the block's header starts, counted in bits from the
	// payload's first byte, least significant bit first (RFC 1951 3.1.1).
	BitOffset int `json:"bit_offset"`
	// Bits is the block's size in bits, header included.
	Bits int `json:"bits"`
	// Final is the BFINAL bit: the last block of a DEFLATE stream.
	Final bool `json:"final"`
	// Type is BTYPE: 0 stored, 1 fixed Huffman, 2 dynamic Huffman, 3 reserved.
	Type     int    `json:"type"`
	TypeName string `json:"type_name"`
	// Len is a stored block's LEN.
	Len int `json:"len,omitempty"`
	// HLit, HDist and HCLen are a dynamic block's code counts: 257-286
	// literal/length codes, 1-32 distance codes, 4-19 code length codes.
	HLit  int `json:"hlit,omitempty"`
	HDist int `json:"hdist,omitempty"`
	HCLen int `json:"hclen,omitempty"`
	// Literals and Matches count the block's symbols (not the end of block);
	// Output is the number of bytes they produce.
	Literals int `json:"literals"`
	Matches  int `json:"matches"`
	Output   int `json:"output"`
	// MaxDistance is the farthest back-reference in the block.
	MaxDistance int `json:"max_distance,omitempty"`
	// EarlierRefs counts back-references that reach before the payload's own
	// output, into the window of earlier messages (context takeover).
	EarlierRefs int `json:"earlier_refs,omitempty"`
	// Tail is true when the block ends in the 00 00 ff ff that RFC 7692 7.2.1
	// removes from a message and 7.2.2 appends again before inflating.
	Tail bool `json:"tail,omitempty"`
}

// blockTypeNames names BTYPE values.
var blockTypeNames = [4]string{"stored", "fixed Huffman", "dynamic Huffman", "reserved"}

// syncTail is the end of the empty stored block that a sync flush writes,
// removed by the sender (RFC 7692 7.2.1) and appended by the receiver (7.2.2).
var syncTail = []byte{0x00, 0x00, 0xff, 0xff}

// DeflateBlocks lists the DEFLATE blocks of one compressed payload (a
// permessage-deflate message or a deflate-frame frame), appending the
// 00 00 ff ff tail as RFC 7692 7.2.2 says. It walks at most limit bytes of
// output (DefaultInflateLimit when limit is zero or less) and reads no
// further than the data. On an error it returns the blocks read so far,
// the broken one last.
func DeflateBlocks(data []byte, limit int) ([]DeflateBlock, error) {
	if limit <= 0 {
		limit = DefaultInflateLimit
	}
	in := make([]byte, 0, len(data)+len(syncTail))
	in = append(append(in, data...), syncTail...)
	w := walker{in: in, limit: limit, hist: maxWindow, collect: true, payloadBits: 8 * len(data)}
	err := w.run()
	return w.blocks, err
}

// DeflateBlocksText is an error of DeflateBlocks as a sentence with its id
// and params (internal/msg), for the page's words; its English is the
// error's.
func DeflateBlocksText(err error) msg.Text {
	var we *walkError
	if errors.As(err, &we) {
		return we.text()
	}
	var ie *inflateError
	if errors.As(err, &ie) && ie.Text.ID != "" {
		return ie.Text
	}
	return textOf(err)
}

// maxWindow is the largest LZ77 window DEFLATE allows (RFC 1951 2).
const maxWindow = 1 << 15

// walker reads a DEFLATE stream bit by bit without producing its output: it
// counts bytes and checks every back-reference's distance. Its cost grows
// with the input, not the output, so a small bomb cannot make it slow.
type walker struct {
	in  []byte
	pos int // next bit
	out int // bytes of output so far

	hist   int // bytes of earlier output a back-reference may reach
	window int // farthest distance allowed; 0: any within hist
	limit  int // most output allowed

	collect     bool // gather blocks for DeflateBlocks
	payloadBits int  // bits before the appended tail, when collecting
	blocks      []DeflateBlock
	blk         *DeflateBlock
}

// walkError is a problem the walker found, at a bit of its input.
type walkError struct {
	kind inflateKind
	bit  int
	dist int // for distance problems
	why  msg.Text
}

func (e *walkError) Error() string { return e.text().Message }

// text is the error with its place, as a sentence.
func (e *walkError) text() msg.Text {
	return msg.New("inflate.at", "bit {bit} (byte {byte}) of the compressed data: {why}", "bit", e.bit, "byte", e.bit/8, "why", e.why)
}

func (w *walker) fail(kind inflateKind, at int, why msg.Text) *walkError {
	return &walkError{kind: kind, bit: at, why: why}
}

// errEnd is the error for input that stops inside a block.
func (w *walker) errEnd() *walkError {
	if w.blk != nil {
		return w.fail(inflateCorrupt, w.pos, msg.New("inflate.end.block", "the data ends inside a {type} block; is the message cut short?", "type", blockTypeNames[w.blk.Type]))
	}
	return w.fail(inflateCorrupt, w.pos, msg.New("inflate.end", "the data ends inside a block; is the message cut short?"))
}

// bits reads n bits, least significant first (RFC 1951 3.1.1).
func (w *walker) bits(n int) (int, error) {
	if w.pos+n > 8*len(w.in) {
		return 0, w.errEnd()
	}
	v := 0
	for i := 0; i < n; i++ {
		p := w.pos + i
		v |= int(w.in[p>>3]>>(p&7)&1) << i
	}
	w.pos += n
	return v, nil
}

// run walks blocks until one with BFINAL set, or until the input ends on a
// block boundary (with at most padding bits left in its last byte).
func (w *walker) run() error {
	if len(w.in) == len(syncTail) {
		return w.fail(inflateCorrupt, 0, msg.New("inflate.empty", "the payload is empty, but a compressed one holds at least a block header: an empty message compresses to 00 (RFC 7692 7.2.3.6)"))
	}
	for i := 0; ; i++ {
		if err := w.block(i); err != nil {
			return err
		}
		if w.blk != nil && w.blk.Final {
			return nil
		}
		if (w.pos+7)/8 >= len(w.in) {
			return nil
		}
	}
}

// block reads one block: the 3-bit header, then its body.
func (w *walker) block(index int) error {
	start := w.pos
	hdr, err := w.bits(3)
	if err != nil {
		return err
	}
	b := DeflateBlock{Index: index, BitOffset: start, Final: hdr&1 == 1, Type: hdr >> 1}
	b.TypeName = blockTypeNames[b.Type]
	w.blk = &b
	if w.collect {
		w.blocks = append(w.blocks, b)
		w.blk = &w.blocks[len(w.blocks)-1]
	}
	defer func() {
		w.blk.Bits = w.pos - start
		w.blk.Tail = w.collect && w.pos > w.payloadBits
	}()
	switch b.Type {
	case 0:
		return w.stored()
	case 1:
		return w.codes(&fixedLit, &fixedDist)
	case 2:
		var lit, dist huffman
		if err := w.dynamic(&lit, &dist); err != nil {
			return err
		}
		return w.codes(&lit, &dist)
	}
	return w.fail(inflateCorrupt, start, msg.New("inflate.btype3", "block type 3 (BTYPE 11) is reserved; this is not DEFLATE data here"))
}

// stored reads a block with no compression (RFC 1951 3.2.4).
func (w *walker) stored() error {
	w.pos = (w.pos + 7) &^ 7
	at := w.pos
	n, err := w.bits(16)
	if err != nil {
		return err
	}
	nn, err := w.bits(16)
	if err != nil {
		return err
	}
	w.blk.Len = n
	if n != ^nn&0xffff {
		return w.fail(inflateCorrupt, at, msg.New("inflate.nlen", "stored block LEN {len} and NLEN {nlen} do not match; NLEN must be LEN's one's complement", "len", fmt.Sprintf("%04x", n), "nlen", fmt.Sprintf("%04x", nn)))
	}
	if w.pos+8*n > 8*len(w.in) {
		return w.errEnd()
	}
	w.pos += 8 * n
	w.blk.Literals += n
	return w.produce(n)
}

// produce counts n bytes of output against the limit.
func (w *walker) produce(n int) error {
	w.out += n
	w.blk.Output += n
	if w.out > w.limit {
		return newInflateError(inflateTooBig, w.pos, limitMessage(w.limit))
	}
	return nil
}

// The base lengths and distances of RFC 1951 3.2.5, with their extra bits.
var (
	lengthBase  = [29]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]int{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]int{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// codes reads a Huffman-coded block body up to its end-of-block symbol
// (RFC 1951 3.2.5), checking each back-reference.
func (w *walker) codes(lit, dist *huffman) error {
	for {
		at := w.pos
		sym, err := w.decode(lit)
		if err != nil {
			return err
		}
		switch {
		case sym < 256:
			w.blk.Literals++
			if err := w.produce(1); err != nil {
				return err
			}
			continue
		case sym == 256:
			return nil
		case sym > 285:
			return w.fail(inflateCorrupt, at, msg.New("inflate.length-code", "length code {code} does not exist (257-285)", "code", sym))
		}
		sym -= 257
		extra, err := w.bits(lengthExtra[sym])
		if err != nil {
			return err
		}
		length := lengthBase[sym] + extra
		dsym, err := w.decode(dist)
		if err != nil {
			return err
		}
		if dsym > 29 {
			return w.fail(inflateCorrupt, at, msg.New("inflate.distance-code", "distance code {code} does not exist (0-29)", "code", dsym))
		}
		extra, err = w.bits(distExtra[dsym])
		if err != nil {
			return err
		}
		d := distBase[dsym] + extra
		if err := w.reference(at, d); err != nil {
			return err
		}
		w.blk.Matches++
		if err := w.produce(length); err != nil {
			return err
		}
	}
}

// reference checks a back-reference of distance d found at bit at.
func (w *walker) reference(at, d int) error {
	if d > w.blk.MaxDistance {
		w.blk.MaxDistance = d
	}
	if d > w.out {
		w.blk.EarlierRefs++
	}
	if d > w.out+w.hist {
		e := w.fail(inflateWindowLost, at, msg.New("inflate.window-lost", "a back-reference reaches {dist} bytes back, {before} before the start of this data, where {known} bytes of earlier output are known", "dist", d, "before", d-w.out, "known", w.hist))
		e.dist = d
		return e
	}
	if w.window > 0 && d > w.window {
		e := w.fail(inflateWindowExceeded, at, msg.New("inflate.window-exceeded", "a back-reference reaches {dist} bytes back, farther than the agreed window of {window}", "dist", d, "window", sizeText(w.window)))
		e.dist = d
		return e
	}
	return nil
}

// codeLengthOrder is the order of the code length code lengths (RFC 1951 3.2.7).
var codeLengthOrder = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// dynamic reads a dynamic block's code definitions (RFC 1951 3.2.7).
func (w *walker) dynamic(lit, dist *huffman) error {
	at := w.pos
	v, err := w.bits(14)
	if err != nil {
		return err
	}
	nlit, ndist, nclen := v&31+257, v>>5&31+1, v>>10+4
	w.blk.HLit, w.blk.HDist, w.blk.HCLen = nlit, ndist, nclen
	if nlit > 286 || ndist > 30 {
		return w.fail(inflateCorrupt, at, msg.New("inflate.codes", "HLIT {hlit} and HDIST {hdist}: at most 286 literal/length and 30 distance codes exist", "hlit", nlit, "hdist", ndist))
	}
	var lengths [286 + 30]uint8
	for i := 0; i < nclen; i++ {
		n, err := w.bits(3)
		if err != nil {
			return err
		}
		lengths[codeLengthOrder[i]] = uint8(n)
	}
	var clen huffman
	if left := clen.build(lengths[:19]); left != 0 {
		return w.fail(inflateCorrupt, at, msg.New("inflate.cl-code", "the code length code is {fault}", "fault", huffmanFault(left)))
	}
	lengths = [286 + 30]uint8{}
	for i := 0; i < nlit+ndist; {
		at := w.pos
		sym, err := w.decode(&clen)
		if err != nil {
			return err
		}
		if sym < 16 {
			lengths[i] = uint8(sym)
			i++
			continue
		}
		var rep int
		var val uint8
		switch sym {
		case 16:
			if i == 0 {
				return w.fail(inflateCorrupt, at, msg.New("inflate.repeat-none", "code length 16 repeats the previous length, but there is none"))
			}
			val = lengths[i-1]
			rep, err = w.bits(2)
			rep += 3
		case 17:
			rep, err = w.bits(3)
			rep += 3
		default:
			rep, err = w.bits(7)
			rep += 11
		}
		if err != nil {
			return err
		}
		if i+rep > nlit+ndist {
			return w.fail(inflateCorrupt, at, msg.New("inflate.repeat-past", "a repeated code length runs past the {n} lengths the header announced", "n", nlit+ndist))
		}
		for ; rep > 0; rep-- {
			lengths[i] = val
			i++
		}
	}
	if lengths[256] == 0 {
		return w.fail(inflateCorrupt, at, msg.New("inflate.no-eob", "the block has no end-of-block code (symbol 256)"))
	}
	// An incomplete code is allowed only when it is a single code (RFC 1951
	// 3.2.7 allows one distance code of one bit); zlib accepts the same.
	if left := lit.build(lengths[:nlit]); left < 0 || left > 0 && nlit-int(lit.count[0]) != 1 {
		return w.fail(inflateCorrupt, at, msg.New("inflate.lit-code", "the literal/length code is {fault}", "fault", huffmanFault(left)))
	}
	if left := dist.build(lengths[nlit : nlit+ndist]); left < 0 || left > 0 && ndist-int(dist.count[0]) != 1 {
		return w.fail(inflateCorrupt, at, msg.New("inflate.dist-code", "the distance code is {fault}", "fault", huffmanFault(left)))
	}
	return nil
}

func huffmanFault(left int) msg.Text {
	if left < 0 {
		return msg.New("inflate.huffman.over", "over-subscribed: more codes than its lengths can hold")
	}
	return msg.New("inflate.huffman.under", "incomplete: its lengths leave codes unused")
}

// huffman is a canonical Huffman code (RFC 1951 3.2.2) as counts of codes
// per length and symbols in code order, decoded a bit at a time.
type huffman struct {
	count  [16]uint16
	symbol [288]uint16
}

// build makes the code from a length per symbol. It returns how many codes
// are left unused: 0 for a complete code, negative when over-subscribed.
func (h *huffman) build(lengths []uint8) int {
	*h = huffman{}
	for _, l := range lengths {
		h.count[l]++
	}
	if int(h.count[0]) == len(lengths) {
		return 0 // no codes: complete, but any decode fails
	}
	left := 1
	for l := 1; l < 16; l++ {
		left <<= 1
		left -= int(h.count[l])
		if left < 0 {
			return left
		}
	}
	var offs [16]uint16
	for l := 1; l < 15; l++ {
		offs[l+1] = offs[l] + h.count[l]
	}
	for s, l := range lengths {
		if l != 0 {
			h.symbol[offs[l]] = uint16(s)
			offs[l]++
		}
	}
	return left
}

// decode reads one symbol of code h.
func (w *walker) decode(h *huffman) (int, error) {
	at := w.pos
	code, first, index := 0, 0, 0
	for l := 1; l < 16; l++ {
		b, err := w.bits(1)
		if err != nil {
			return 0, err
		}
		code |= b
		n := int(h.count[l])
		if code-n < first {
			return int(h.symbol[index+code-first]), nil
		}
		index += n
		first = (first + n) << 1
		code <<= 1
	}
	return 0, w.fail(inflateCorrupt, at, msg.New("inflate.no-code", "the bits here match no Huffman code of the block"))
}

// The fixed codes of RFC 1951 3.2.6.
var fixedLit, fixedDist huffman

func init() {
	var l [288]uint8
	for i := range l {
		switch {
		case i < 144:
			l[i] = 8
		case i < 256:
			l[i] = 9
		case i < 280:
			l[i] = 7
		default:
			l[i] = 8
		}
	}
	fixedLit.build(l[:])
	var d [30]uint8
	for i := range d {
		d[i] = 5
	}
	fixedDist.build(d[:])
}
