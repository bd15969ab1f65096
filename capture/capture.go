// Package capture reads WebSocket traffic out of packet captures: classic
// pcap and pcapng files, also gzip-compressed. It reads the link layer
// (Ethernet with VLAN tags, Linux cooked v1 and v2, raw IP, BSD and OpenBSD
// loopback), IPv4 and IPv6, and TCP; puts each connection's two byte streams
// back in order; finds the HTTP upgrade to WebSocket (or frames, when the
// capture began after it); and hands each direction's bytes to package
// decoder, whose Result it returns.
//
// Entry points:
//   - Detect tells a capture from other bytes by its magic number;
//   - Decode decodes a capture held in memory;
//   - DecodeReader and DecodeWith decode one read piece by piece, so a very
//     large file need not be held whole, reporting progress as they go.
//
// A capture is untrusted input: no length in it is allocated before it has
// been checked against the bytes that remain and against the caps in
// Limits, and a bad record ends reading with an error that names the record
// and its byte offset, keeping everything read before it.
//
// The package is pure Go with the standard library only; it never imports
// syscall/js.
package capture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/tlsdec"
)

// Detect tells what a file is from its first bytes: "pcap" (either byte
// order, microsecond or nanosecond timestamps), "pcapng" or "gzip". ok is
// false for anything else.
func Detect(b []byte) (kind string, ok bool) {
	switch {
	case len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b:
		return "gzip", true
	case len(b) >= 4 && binary.BigEndian.Uint32(b) == blockSHB:
		return "pcapng", true
	}
	if f, _, _ := pcapFormat(b); f != "" {
		return "pcap", true
	}
	return "", false
}

// Limits bound what a capture can make the reader allocate and hold. A zero
// field takes its default.
type Limits struct {
	// MaxDecompressed is the most bytes a gzip-compressed capture may
	// inflate to (default 2 GiB).
	MaxDecompressed int64
	// MaxPacket is the most bytes one captured packet may have (default 256 KiB).
	MaxPacket int
	// MaxBlock is the most bytes one pcapng block may have (default 16 MiB).
	MaxBlock int
	// MaxHeld is the most out-of-order bytes held per direction of a
	// connection before the missing ones are taken as a gap (default 4 MiB).
	MaxHeld int
}

// The defaults of Limits.
const (
	DefaultMaxDecompressed = 2 << 30
	DefaultMaxPacket       = 256 << 10
	DefaultMaxBlock        = 16 << 20
	DefaultMaxHeld         = 4 << 20
)

func (l Limits) maxDecompressed() int64 { return orDefault(l.MaxDecompressed, DefaultMaxDecompressed) }
func (l Limits) maxPacket() int         { return orDefault(l.MaxPacket, DefaultMaxPacket) }
func (l Limits) maxBlock() int          { return orDefault(l.MaxBlock, DefaultMaxBlock) }
func (l Limits) maxHeld() int           { return orDefault(l.MaxHeld, DefaultMaxHeld) }

// orDefault returns v, or def when v is not set (zero or less).
func orDefault[T int | int64](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// Decode decodes a whole capture held in memory: a pcap or pcapng file, or
// either compressed with gzip. The result's Input.Kind is "pcap" or
// "pcapng"; Input.Format names the variant ("pcap-usec", "pcap-nsec",
// "pcap-usec-swapped" for big-endian files, "pcapng"), with "+gzip" added
// for a compressed file. Input.Bytes is the size of the capture itself
// (after decompression), and error offsets count its bytes. Problems with
// the file are in the result's Errors.
func Decode(b []byte, opts decoder.Options) *decoder.Result {
	if kind, _ := Detect(b); kind == "gzip" {
		return DecodeWith(bytes.NewReader(b), int64(len(b)), opts, Limits{}, nil)
	}
	r := &run{src: newMemorySource(b), opts: opts}
	return r.decode(false)
}

// DecodeReader decodes a capture read from rd, piece by piece, so that only
// a window of it is held at once. size is its length in bytes, or -1 when
// unknown; a known size lets lengths be checked against what remains.
// progress, when not nil, is called now and then with the number of bytes
// read from rd so far, and once at the end.
func DecodeReader(rd io.Reader, size int64, opts decoder.Options, progress func(done int64)) *decoder.Result {
	return DecodeWith(rd, size, opts, Limits{}, progress)
}

// DecodeWith is DecodeReader with limits other than the defaults.
func DecodeWith(rd io.Reader, size int64, opts decoder.Options, lim Limits, progress func(done int64)) *decoder.Result {
	cr := &countingReader{r: rd}
	r := &run{opts: opts, lim: lim, progress: progress, counter: cr}
	var head [2]byte
	n, _ := io.ReadFull(cr, head[:])
	in := io.MultiReader(bytes.NewReader(head[:n]), cr)
	if kind, _ := Detect(head[:n]); kind == "gzip" {
		gz, err := newGzipReader(in, lim.maxDecompressed())
		if err != nil {
			s := decoder.NewSession(decoder.Input{Kind: "gzip", Bytes: max(size, cr.n)}, opts)
			s.Say(0, msg.New("capture.gzip", "the file starts like gzip but is not readable as gzip: {err}", "err", err.Error()))
			return s.Result()
		}
		r.src = newReaderSource(gz, -1)
		return r.decode(true)
	}
	r.src = newReaderSource(in, size)
	return r.decode(false)
}

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// run is the state of one decode.
type run struct {
	s        *decoder.Session
	src      *source
	opts     decoder.Options
	lim      Limits
	progress func(int64)
	counter  *countingReader // bytes read from the caller's reader, or nil
	lastTick int64

	ifaces   []*iface // every interface of every section, in order
	sections int

	flows   map[flowKey]*conn
	recent  [64]flowEntry // flows as they were last looked up, by their ports (run.flow)
	quick   quickFlows    // IPv4 connections by addresses and ports (run.segment)
	keyed   int           // segments that took the flow key's way, for the tests
	open    []*conn       // connections found to carry WebSocket, in order
	ip      ipHeader
	tcp     tcpHeader
	notes   notes
	lastPkt decoder.Mark
	start   decoder.Stamp // the capture time of the first packet with one
	timed   bool          // a packet had a time: start is set
	stopped *decoder.Stopped

	keys       *tlsdec.KeyLog // TLS secrets: the key log given, and those of pcapng blocks
	dsb        *tlsdec.KeyLog // the secrets of pcapng Decryption Secrets Blocks
	tlsConns   []*conn        // connections with a TLS layer, in order
	tlsScratch []byte         // the plaintext of the record being decrypted
	reread     rereadScratch  // the record an index decrypted again last
}

// iface is one capture interface: the single one of a pcap file, or one
// described by a pcapng interface description block.
type iface struct {
	link     uint32
	index    int   // within its section
	section  int   // 1-based, for pcapng
	off      int64 // where it was described
	snaplen  uint32
	tsresol  uint8 // pcapng if_tsresol
	tsoffset int64 // pcapng if_tsoffset, in seconds
	ok       bool  // the link type is supported
	skipped  int   // packets skipped for an unsupported link type
}

func (r *run) addInterface(link uint32, off int64, index int) *iface {
	ifc := &iface{link: link, index: index, section: r.sections, off: off, tsresol: 6, ok: linkSupported(link)}
	r.ifaces = append(r.ifaces, ifc)
	return ifc
}

// notes counts problems that may repeat for every packet, so that each is
// told a few times and then summed up.
type notes struct {
	truncated      int
	firstTruncated int64
	fragments      int
	firstFragment  int64
	fragmentPacket int
	tooManyFlows   int
}

// maxTruncatedReports is how many truncated packets are reported one by one.
const maxTruncatedReports = 10

// decode reads the whole capture and returns the result.
func (r *run) decode(gzipped bool) *decoder.Result {
	head := r.src.peek(4)
	kind, _ := Detect(head)
	suffix := ""
	if gzipped {
		suffix = "+gzip"
	}
	in := decoder.Input{Kind: kind, Bytes: r.src.size}
	var order binary.ByteOrder
	var nano bool
	switch kind {
	case "pcap":
		var f string
		f, order, nano = pcapFormat(head)
		if order == binary.BigEndian {
			f += "-swapped"
		}
		in.Format = f + suffix
	case "pcapng":
		in.Format = "pcapng" + suffix
	default:
		in.Kind = "binary"
		if gzipped {
			in.Format = "gzip"
		}
	}
	r.s = decoder.NewSession(in, r.opts)
	r.flows = make(map[flowKey]*conn)
	r.keyLog()
	switch kind {
	case "pcap":
		r.readPcap(order, nano)
	case "pcapng":
		r.readPcapng()
	default:
		if len(head) == 0 {
			r.s.Say(0, msg.New("capture.empty", "not a capture file: it is empty; expected a pcap or pcapng magic number"))
		} else {
			r.s.Say(0, msg.New("capture.magic", "not a capture file: the first bytes are {bytes}; expected a pcap or pcapng magic number", "bytes", fmt.Sprintf("% x", head)))
		}
	}
	if r.src.err != nil {
		r.s.Say(r.src.off, msg.New("capture.read-stopped", "reading stopped at byte {offset}: {err}", "offset", r.src.off, "err", r.src.err.Error()))
	}
	r.finish()
	res := r.s.Result()
	if res.Input.Bytes < 0 || gzipped {
		res.Input.Bytes = r.src.off
	}
	if r.timed {
		start := r.start
		res.Input.Start = &start
	}
	res.Input.TLSKeys = r.keys.Len()
	res.Input.TLSSessions, res.Input.TLSMatched = r.tlsCounts()
	res.Stopped = r.stopped
	if r.progress != nil {
		r.progress(r.done())
	}
	return res
}

// done returns how many bytes of the caller's input have been read.
func (r *run) done() int64 {
	if r.counter != nil {
		return r.counter.n
	}
	return r.src.off
}

// progressStep is how often, in bytes, progress is reported.
const progressStep = 4 << 20

// full reports whether the decoder's index has used its memory budget,
// and then records where reading stops.
func (r *run) full() bool {
	if !r.s.Full() {
		return false
	}
	if r.stopped == nil {
		ix := r.opts.Index
		why := msg.New("capture.budget", "the frame index reached its memory budget of {mib} MiB after {frames} frames; the rest of the capture was not read", "mib", ix.Budget()>>20, "frames", ix.Frames())
		r.stopped = decoder.NewStopped(r.src.off, r.src.size, why)
		r.s.Say(r.src.off, msg.New("capture.stopped", "reading stopped at byte {offset}: {why}", "offset", r.src.off, "why", why))
	}
	return true
}

// tick reports progress when another step of the input has been read.
func (r *run) tick() {
	if r.progress == nil {
		return
	}
	if d := r.done(); d-r.lastTick >= progressStep {
		r.lastTick = d
		r.progress(d)
	}
}

// packet takes one captured packet: its 1-based number, the file offset of
// its record, its time (when timed), the captured bytes and its length on
// the wire. The time comes as a Stamp, not a time.Time: a packet costs no
// call into package time (not inlined in the wasm).
//
// dataOff is the offset of data in the capture (after decompression), so
// that an index can read the bytes again.
func (r *run) packet(ifc *iface, num int, off int64, ts decoder.Stamp, timed bool, data []byte, orig int, dataOff int64) {
	if !r.timed && timed {
		r.start, r.timed = ts, true
	}
	if !ifc.ok {
		ifc.skipped++
		return
	}
	cut := 0
	if orig > len(data) {
		cut = orig - len(data)
		r.truncated(ifc, num, off, len(data), orig)
	}
	proto, b := linkPayload(ifc.link, data)
	if proto == netOther || !r.ip.decode(proto, b) || r.ip.proto != protoTCP {
		return
	}
	if r.ip.later {
		n := &r.notes
		if n.fragments == 0 {
			n.firstFragment, n.fragmentPacket = off, num
		}
		n.fragments++
		return
	}
	if !r.tcp.decode(r.ip.payload, r.ip.claimed) {
		return
	}
	lost := min(r.tcp.lost, cut)
	// The TCP payload is a slice of data, cut from its front: its offset
	// in data is what its capacity lost.
	at := decoder.Mark{Packet: num, Time: ts, Timed: timed, Src: dataOff + int64(cap(data)-cap(r.tcp.payload))}
	r.lastPkt = at
	r.segment(&r.tcp, lost, at)
}

// cutShort reports a file that ends inside a record or block, unless
// reading failed there (a read error, or a compressed capture past its
// limit), which decode reports instead.
func (r *run) cutShort(off int64, m msg.Text) {
	if r.src.err == nil {
		r.s.Say(off, m)
	}
}

// truncated reports a packet the snapshot length cut.
func (r *run) truncated(ifc *iface, num int, off int64, have, orig int) {
	n := &r.notes
	n.truncated++
	if n.truncated > maxTruncatedReports {
		return
	}
	if n.truncated == 1 {
		n.firstTruncated = off
	}
	r.s.Say(off, msg.New("capture.snapped", "packet {packet} at byte {offset}: only {have} of {orig} bytes were captured (snapshot length {snaplen})", "packet", num, "offset", off, "have", have, "orig", orig, "snaplen", ifc.snaplen))
}

// finish ends every connection and reports what was counted along the way.
func (r *run) finish() {
	r.finishTLS()
	for _, c := range r.open {
		c.finish(r.lastPkt)
	}
	n := &r.notes
	if extra := n.truncated - maxTruncatedReports; extra > 0 {
		r.s.Say(n.firstTruncated, msg.New("capture.snapped-more", "{n} more packets were cut by the snapshot length; their missing bytes are taken as gaps", "n", extra))
	}
	if n.fragments > 0 {
		r.s.Say(n.firstFragment, msg.New("capture.fragments", "packet {packet} at byte {offset}: skipped {n} IP fragment(s) after the first of their datagram; fragments are not reassembled", "packet", n.fragmentPacket, "offset", n.firstFragment, "n", n.fragments))
	}
	if n.tooManyFlows > 0 {
		r.s.Say(r.src.off, msg.New("capture.flows", "more than {max} TCP connections: {n} packets of later ones were skipped", "max", maxFlows, "n", n.tooManyFlows))
	}
	for _, ifc := range r.ifaces {
		if ifc.ok || ifc.skipped == 0 {
			continue
		}
		where := msg.New("capture.where.iface", "on interface {iface}", "iface", ifc.index)
		if r.sections > 1 {
			where = msg.New("capture.where.section", "on interface {iface} of section {section}", "iface", ifc.index, "section", ifc.section)
		}
		r.s.Say(ifc.off, msg.New("capture.link", "unsupported link type {link} {where} (packets skipped: {n})", "link", ifc.link, "where", where, "n", ifc.skipped))
	}
}
