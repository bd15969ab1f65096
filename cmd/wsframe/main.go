// Command wsframe decodes WebSocket (RFC 6455) traffic in a terminal: frames
// pasted as hex or base64 (the forms xxd, hexdump, od, Wireshark and
// browser DevTools produce), raw frame bytes, or a .pcap/.pcapng capture.
//
// It shares its decoder with the wsframe web page, and `wsframe -json`
// prints the very result the page's decode() returns.
//
// Usage:
//
//	wsframe [flags] [FILE|-]
//
// Run `wsframe -h` for the flags, with examples.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/detail"
	"github.com/wsframe/wsframe/filter"
	"github.com/wsframe/wsframe/har"
	"github.com/wsframe/wsframe/inspect"
	"github.com/wsframe/wsframe/internal/jsonenc"
	"github.com/wsframe/wsframe/paste"
	"github.com/wsframe/wsframe/tlsdec/crypt"
)

// kit is what the command can do: everything, TLS decryption and the
// application protocol readers included.
var kit = inspect.Kit{Capture: capture.Decode, Conversation: inspect.DecodeConversation, Decrypt: crypt.TLS, Reader: decoder.Readings{}, Build: true, Filter: true, Magic: inspect.Signature}

const usage = `wsframe decodes WebSocket (RFC 6455) frames and captures.

Usage:
  wsframe [flags] [FILE|-]

FILE holds frames pasted as text (hex in any spelling, xxd, hexdump -C,
od -A x -t x1, Wireshark's "Copy as" forms, C/Go/Python literals, base64),
raw frame bytes, or a .cap/.pcap/.pcapng capture (also gzip-compressed).
The kind is found from the content. With no FILE, or with -, it reads
standard input.

Examples:
  echo '81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64' | wsframe
  echo gYmVOf/d0laQubVbhri7 | wsframe -from client
  wsframe capture.pcapng                  # connections, frames, messages
  wsframe -conn 0 -frame 3 capture.pcapng # one frame in full
  wsframe -json frames.txt | jq '.messages[].text'
  wsframe -stats big.pcapng
  wsframe -keylog keys.txt wss.pcapng     # decrypt wss:// with an SSLKEYLOGFILE
  wsframe -filter 'opcode == close' capture.pcapng
  tcpdump -U -w - port 8080 | wsframe -follow -   # live, as frames arrive
  wsframe -jsonl capture.pcapng | jq -c 'select(.kind == "message")'

Flags:
`

// config is what the flags say.
type config struct {
	json, stats       bool
	from, format, ext string
	inflateLimit      int
	conn, frame       int
	steps             int
	color             string
	list              string
	handshake         bool
	keylog            string
	as                string
	protocol          string
	encode            bool
	filter            string
	follow, jsonl     bool
	extension         *decoder.Extension // parsed from ext
	match             *filter.Filter     // parsed from filter
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var c config
	fs := flag.NewFlagSet("wsframe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
		fmt.Fprint(stderr, encodeUsage)
	}
	fs.BoolVar(&c.json, "json", false, "print the decode result as JSON (the contract the web page shares), e.g. wsframe -json f.txt; a capture, a HAR file or large text is decoded three times over (the result, the frames, the messages), so that nothing is held per frame (a capture or HAR on standard input is first copied to a temporary file)")
	fs.BoolVar(&c.stats, "stats", false, "print a one-screen summary (frames and messages by opcode, bytes, violations) instead of every frame")
	fs.StringVar(&c.from, "from", "", "who sent pasted frames: client or server (default: masked frames are the client's), e.g. -from server")
	fs.StringVar(&c.format, "format", "", "force the paste form: "+strings.Join(paste.Formats, ", "))
	fs.StringVar(&c.ext, "extension", "", "treat pasted frames as sent under this negotiated extension, e.g. -extension 'permessage-deflate; server_no_context_takeover'")
	fs.IntVar(&c.inflateLimit, "inflate-limit", decoder.DefaultInflateLimit, "largest inflated message, in bytes; a bigger one is reported, not inflated")
	fs.IntVar(&c.conn, "conn", -1, "show only this connection of a capture, e.g. -conn 0")
	fs.IntVar(&c.frame, "frame", -1, "show only this frame (its index in -json output), in full, e.g. -frame 1; with -json, the page's frame(N) object")
	fs.IntVar(&c.steps, "steps", 32, "unmask steps to list for each masked frame (0: none, -1: all)")
	fs.BoolVar(&c.handshake, "handshake", false, "show every check of the opening handshake and the Sec-WebSocket-Accept computation step by step")
	fs.StringVar(&c.list, "list", "auto", "frames one a line instead of diagrams: auto (for captures), on or off")
	fs.StringVar(&c.as, "as", "", "show the input as the payload of one message instead of frames: text or binary (for a message copied from DevTools), e.g. -as text")
	fs.StringVar(&c.protocol, "protocol", "auto", protocolUsage)
	fs.StringVar(&c.color, "color", "auto", "colour: auto (when writing to a terminal), always or never")
	fs.StringVar(&c.keylog, "keylog", "", "decrypt the capture's TLS (wss://) connections with this NSS key log (SSLKEYLOGFILE), e.g. -keylog keys.txt")
	fs.StringVar(&c.filter, "filter", "", filterUsage)
	fs.BoolVar(&c.follow, "follow", false, "read a capture as it grows (standard input, or a file being written) and print each frame and message the moment it is decided; Ctrl-C prints the stats so far, e.g. tcpdump -U -w - port 8080 | wsframe -follow -")
	fs.BoolVar(&c.jsonl, "jsonl", false, "print JSON Lines: one object per connection, frame and message as they are decided, each with its \"kind\", then one of kind \"end\"; with -follow too")
	fs.BoolVar(&c.encode, "encode", false, "build frames from a JSON spec (the argument, or stdin) and print their hex; see below")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if c.encode {
		return runEncode(fs.Args(), c, stdin, stdout, stderr)
	}
	if c.filter != "" {
		f, ok := parseFilter(c.filter, stdout, stderr)
		if !ok {
			if strings.TrimSpace(c.filter) == "help" {
				return 0
			}
			return 2
		}
		c.match = f
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "wsframe: one input at a time; got %d (%s)\n", fs.NArg(), strings.Join(fs.Args(), " "))
		return 2
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	opts := kit.Options(decoder.Options{Format: c.format, InflateLimit: c.inflateLimit, AsPayload: c.as, Protocol: c.protocol})
	if c.as != "" && c.as != "text" && c.as != "binary" {
		fmt.Fprintf(stderr, "wsframe: -as is %q; use text or binary\n", c.as)
		return 2
	}
	if err := checkProtocol(c.protocol); err != nil {
		fmt.Fprintf(stderr, "wsframe: %v\n", err)
		return 2
	}
	switch c.from {
	case "":
	case "client", "server":
		opts.From = decoder.Side(c.from)
	default:
		fmt.Fprintf(stderr, "wsframe: -from is %q; use client or server\n", c.from)
		return 2
	}
	if c.ext != "" {
		ext, err := decoder.ParseExtension(c.ext)
		if err != nil {
			fmt.Fprintf(stderr, "wsframe: -extension: %v\n", err)
			return 2
		}
		opts.Extension, c.extension = ext, ext
	}
	if c.keylog != "" {
		k, err := readKeyLog(c.keylog)
		if err != nil {
			fmt.Fprintf(stderr, "wsframe: -keylog: %v\n", err)
			return 2
		}
		opts.KeyLog = k
	}
	src, size, done, err := openInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "wsframe: %v\n", err)
		return 1
	}
	defer done()
	if c.follow && name != "-" {
		src = followFile(src)
	}
	in := bufio.NewReaderSize(src, 64<<10)
	peek := inspect.HeadSize
	if c.follow {
		peek = 8 // a capture that grows may not have more yet
	}
	head, _ := in.Peek(peek)
	kind := kit.Classify(head, c.format)
	if kind.IsCapture() {
		if c.follow || c.jsonl {
			return runLive(name, in, c, opts, stdout, stderr)
		}
		return runCapture(name, src, in, size, c, opts, stdout, stderr)
	}
	if c.follow {
		fmt.Fprintf(stderr, "wsframe: -follow reads a capture (pcap or pcapng) as it grows; %s starts with % x, which is not one\n", name, head[:min(len(head), 8)])
		return 2
	}
	if !kind.Readable() && kind != inspect.KindBinary && c.as == "" {
		// Named from its signature (an image, an archive, a key log ...):
		// refused without reading the rest.
		r := inspect.Refuse(kind, head, opts)
		if size >= 0 {
			r.Input.Bytes = size
		}
		if c.json {
			var out bytes.Buffer
			if err := writeJSON(&out, r); err == nil {
				stdout.Write(out.Bytes())
			}
		}
		return report(name, c.keylog, r, nil, stderr)
	}
	if head, _ := in.Peek(4096); size > int64(wholeInput) && c.as == "" && c.filter == "" && !c.jsonl && (c.format == "har" || c.format == "" && (kind == inspect.KindHAR || har.Detect(head))) {
		return runHAR(name, head, src, in, size, c, opts, stdout, stderr)
	}
	// Pasted text or raw frame bytes: read whole (captures never are), up
	// to a limit, so that /dev/zero or an endless pipe is refused.
	data, err := readUpTo(in, maxTextInput)
	if err != nil {
		fmt.Fprintf(stderr, "wsframe: %s: %v\n", name, err)
		return 1
	}
	if len(bytes.TrimSpace(data)) == 0 {
		fmt.Fprintf(stderr, "wsframe: %s: the input is empty: nothing to decode\n", name)
		return 1
	}
	if len(head) == inspect.HeadSize {
		kind = kit.Classify(data, c.format) // the whole input, where frames chain past the head
	}
	if decode := streamedText(kind, data, opts, c); decode != nil && passes(c) {
		// The text is held: it is decoded again for each pass.
		return passJSON(name, func(sink decoder.Sink) *decoder.Result {
			o := opts
			o.Sink = sink
			return decode(data, o)
		}, c, false, stdout, stderr)
	}
	r, l, st := decodeText(kind, data, opts, c)
	if err := l.applyFilter(c.match); err != nil {
		fmt.Fprintf(stderr, "wsframe: %v\n", err)
		return 1
	}
	if c.jsonl {
		return writeJSONLResult(stdout, stderr, name, c, l)
	}

	// Text that did not read cleanly gives misleading frames: say where it
	// is wrong on stderr and print nothing (so build nothing either).
	pasted := r.Input.Kind == "hex" || r.Input.Kind == "base64"
	quiet := len(r.Errors) > 0 && !c.json && (pasted || l.Frames() == 0)
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	switch {
	case quiet:
	case c.frame >= 0 && c.frame < len(r.Frames) && !l.keepFrame(c.frame):
		fmt.Fprintf(stderr, "wsframe: -frame %d: the frame does not match -filter %s\n", c.frame, term(c.filter))
		return 1
	case c.json && c.frame >= 0:
		// One frame in detail: the object the page's frame(N) returns.
		if c.frame >= l.Frames() {
			fmt.Fprintf(stderr, "wsframe: -frame %d: the input has %d frames\n", c.frame, l.Frames())
			return 2
		}
		d, err := l.Detail(c.frame, detail.Options{})
		var b bytes.Buffer
		if err == nil {
			err = writeJSON(&b, d)
		}
		if err != nil {
			fmt.Fprintf(stderr, "wsframe: %v\n", err)
			return 1
		}
		out.Write(b.Bytes())
	case c.json && (l.keep != nil || l.Indexed()):
		if err := writeJSONStream(out, l); err != nil {
			fmt.Fprintf(stderr, "wsframe: %v\n", err)
			return 1
		}
	case c.json:
		var b bytes.Buffer
		if err := writeJSON(&b, r); err != nil {
			fmt.Fprintf(stderr, "wsframe: %v\n", err)
			return 1
		}
		out.Write(b.Bytes())
	case c.stats && l.keep != nil:
		out.WriteString(l.filterLine(c.filter))
		writeStats(out, r, l.keptStats())
	case c.stats:
		writeStats(out, r, st)
	default:
		pal := newPalette(c.color, stdout)
		if c.frame >= l.Frames() {
			fmt.Fprintf(stderr, "wsframe: -frame %d: the input has %d frames (0 to %d)\n", c.frame, l.Frames(), l.Frames()-1)
			return 2
		}
		writeView(out, l, c, pal)
	}
	out.Flush()
	code := report(name, c.keylog, r, l, stderr)
	if h := r.Hint; h != nil && !c.json {
		fmt.Fprintf(stderr, "wsframe: %s: %s\n", name, h.Message)
		for _, o := range h.Offers {
			fmt.Fprintf(stderr, "wsframe: to show it as the payload of a %s message: wsframe -as %s %s\n", o, o, name)
		}
	}
	return code
}

// report prints r's errors (and a frame that could not be read again) on
// stderr and returns the exit code.
func report(name, keylog string, r *decoder.Result, l *lists, stderr io.Writer) int {
	for _, e := range r.Errors {
		where := name
		if e.Source == "keylog" {
			where = keylog
		}
		fmt.Fprintf(stderr, "wsframe: %s: %s\n", term(where), term(e.Error()))
	}
	if l != nil && l.err != nil {
		fmt.Fprintf(stderr, "wsframe: %s: %v\n", name, l.err)
		return 1
	}
	if len(r.Errors) > 0 {
		return 1
	}
	return 0
}

// writeJSON writes v indented, with the encoder the page uses, so that the
// command and the page write the same JSON and fail on the same values.
func writeJSON(out *bytes.Buffer, v any) error {
	b, err := jsonenc.Marshal(v)
	if err != nil {
		return err
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, b, "", "  "); err != nil {
		return err
	}
	out.Write(jsonForTerminal(indented.Bytes()))
	out.WriteByte('\n')
	return nil
}

// runCapture decodes a capture without holding it: -stats counts frames
// and messages as they are decided (constant memory); everything else
// reads the file into an index of small records (decoder.Index) and then
// writes frames and messages one at a time, reading each again from the
// file. Standard input is first copied to a temporary file.
func runCapture(name string, src io.Reader, in io.Reader, size int64, c config, opts decoder.Options, stdout, stderr io.Writer) int {
	if c.stats {
		st := newStats()
		opts.Sink = st
		if c.match != nil && !c.match.Empty() {
			opts.Sink = newFilterSink(c.match, opts, st)
		}
		r := capture.DecodeReader(in, size, opts, nil)
		if len(r.Errors) == 0 || st.frames > 0 {
			if c.match != nil && !c.match.Empty() {
				fmt.Fprintf(stdout, "filter %s\n", term(c.filter))
			}
			writeStats(stdout, r, st)
		}
		return report(name, c.keylog, r, nil, stderr)
	}
	if passes(c) || listPasses(c) {
		return passFile(name, src, in, size, c, false, stdout, stderr, func(f *os.File, size int64) decodeAgain {
			return func(sink decoder.Sink) *decoder.Result {
				o := opts
				o.Sink = sink
				return capture.DecodeReader(io.NewSectionReader(f, 0, size), size, o, nil)
			}
		})
	}
	return indexFile(name, src, in, size, c, stdout, stderr, func(f *os.File, size int64, ix *decoder.Index) (*decoder.Result, *lists) {
		open := func() io.Reader { return io.NewSectionReader(f, 0, size) }
		r := capture.DecodeIndexed(open, f, size, opts, ix, nil)
		return r, newLists(r, ix, c.extension)
	})
}

// runHAR decodes a HAR file as runCapture decodes a capture: -stats counts
// as it reads, everything else reads it into an index whose frames are
// built again from their messages in the file as they are written
// (har.DecodeIndexed, as the page does). Only the members it needs are
// held, one entry's head and one message at a time.
func runHAR(name string, head []byte, src io.Reader, in io.Reader, size int64, c config, opts decoder.Options, stdout, stderr io.Writer) int {
	input := decoder.Input{Kind: "har", Format: "har", TextBytes: int(size)}
	if !bytes.Contains(head, []byte(`"log"`)) {
		input.Format = "har-entry" // as inspect names it
	}
	if c.stats {
		st := newStats()
		opts.Sink = st
		r := har.Decode(in, input, opts)
		writeStats(stdout, r, st)
		return report(name, c.keylog, r, nil, stderr)
	}
	if passes(c) || listPasses(c) {
		return passFile(name, src, in, size, c, true, stdout, stderr, func(f *os.File, size int64) decodeAgain {
			return func(sink decoder.Sink) *decoder.Result {
				o := opts
				o.Sink = sink
				return har.Decode(io.NewSectionReader(f, 0, size), input, o)
			}
		})
	}
	return indexFile(name, src, in, size, c, stdout, stderr, func(f *os.File, size int64, ix *decoder.Index) (*decoder.Result, *lists) {
		opts.Index = ix
		r := har.DecodeIndexed(io.NewSectionReader(f, 0, size), f, input, opts)
		return r, &lists{View: detail.NewIndexView(r, ix, true)}
	})
}

// indexFile reads input that is not held whole (a capture, a large HAR)
// into an index by read, from a regular file (standard input is copied
// to a temporary one first), and writes what the command asks of it.
func indexFile(name string, src, in io.Reader, size int64, c config, stdout, stderr io.Writer,
	read func(f *os.File, size int64, ix *decoder.Index) (*decoder.Result, *lists)) int {
	f, size, done, err := regularFile(name, src, in, size)
	if err != nil {
		fmt.Fprintf(stderr, "wsframe: %v\n", err)
		return 1
	}
	defer done()
	ix := decoder.NewIndex(cliIndexBudget)
	r, l := read(f, size, ix)
	holdToIndex(ix)
	return writeIndexed(name, r, ix, l, c, stdout, stderr)
}

// passes reports whether -json is written from decodes of the input
// through a sink (writeJSONPasses) rather than from an index: the whole
// list, with no -filter or -frame.
func passes(c config) bool { return jsonPasses && c.json && c.frame < 0 && c.match == nil }

// listPasses reports whether the list of a capture or a HAR file is
// written from decodes of it through a sink (writeListPasses) rather than
// from an index: frames one a line, with no -filter or -frame.
func listPasses(c config) bool {
	return jsonPasses && !c.json && !c.stats && c.frame < 0 && c.match == nil && (c.list == "on" || c.list == "auto")
}

// jsonPasses turns writeJSONPasses and writeListPasses on (off in the
// tests that compare them with the index's writeJSONStream and
// writeView).
var jsonPasses = true

// passFile writes -json of input that is not held whole from decodes of
// it again (writeJSONPasses), from a regular file (standard input is
// copied to a temporary one first), with nothing held per frame.
func passFile(name string, src, in io.Reader, size int64, c config, reconstructed bool, stdout, stderr io.Writer,
	again func(f *os.File, size int64) decodeAgain) int {
	f, size, done, err := regularFile(name, src, in, size)
	if err != nil {
		fmt.Fprintf(stderr, "wsframe: %v\n", err)
		return 1
	}
	defer done()
	return passJSON(name, again(f, size), c, reconstructed, stdout, stderr)
}

// passJSON writes -json, or the list, from decodes of the input
// (writeJSONPasses, writeListPasses) and reports its errors.
func passJSON(name string, decode decodeAgain, c config, reconstructed bool, stdout, stderr io.Writer) int {
	out := bufio.NewWriterSize(stdout, 64<<10)
	var r *decoder.Result
	var err error
	if c.json {
		r, err = writeJSONPasses(out, decode, reconstructed)
	} else {
		r, err = writeListPasses(out, decode, c, newPalette(c.color, stdout), reconstructed)
	}
	out.Flush()
	if err != nil {
		fmt.Fprintf(stderr, "wsframe: %s: %v\n", name, err)
		return 1
	}
	return report(name, c.keylog, r, nil, stderr)
}

// regularFile returns the input as a file that can be read again at any
// offset: the file itself, or standard input (or a pipe) copied to a
// temporary file that done removes.
func regularFile(name string, src io.Reader, in io.Reader, size int64) (*os.File, int64, func(), error) {
	f, ok := src.(*os.File)
	if st, err := os.Stat(name); ok && name != "-" && err == nil && st.Mode().IsRegular() {
		return f, size, func() {}, nil
	}
	tmp, err := os.CreateTemp("", "wsframe-*.pcap")
	if err != nil {
		return nil, 0, nil, err
	}
	done := func() { tmp.Close(); os.Remove(tmp.Name()) }
	n, err := io.Copy(tmp, in)
	if err != nil {
		done()
		return nil, 0, nil, err
	}
	return tmp, n, done, nil
}

// writeIndexed writes what the flags ask of a decode read into index ix,
// a frame or message at a time.
func writeIndexed(name string, r *decoder.Result, ix *decoder.Index, l *lists, c config, stdout, stderr io.Writer) int {
	if err := l.applyFilter(c.match); err != nil {
		fmt.Fprintf(stderr, "wsframe: %v\n", err)
		return 1
	}
	out := bufio.NewWriterSize(stdout, 64<<10)
	defer out.Flush()
	switch {
	case c.frame >= 0 && c.frame < ix.Frames() && !l.keepFrame(c.frame):
		fmt.Fprintf(stderr, "wsframe: -frame %d: the frame does not match -filter %s\n", c.frame, term(c.filter))
		return 1
	case c.json && c.frame >= 0:
		if c.frame >= ix.Frames() {
			fmt.Fprintf(stderr, "wsframe: -frame %d: the input has %d frames\n", c.frame, ix.Frames())
			return 2
		}
		// One frame in detail, as the page's frame(N) (its message read
		// again up to detail.MaxMessage bytes).
		d, err := l.Detail(c.frame, detail.Options{})
		if err != nil {
			fmt.Fprintf(stderr, "wsframe: %v\n", err)
			return 1
		}
		var b bytes.Buffer
		if err := writeJSON(&b, d); err != nil {
			fmt.Fprintf(stderr, "wsframe: %v\n", err)
			return 1
		}
		out.Write(b.Bytes())
	case c.json:
		if err := writeJSONStream(out, l); err != nil {
			fmt.Fprintf(stderr, "wsframe: %v\n", err)
			return 1
		}
	case len(r.Errors) > 0 && ix.Frames() == 0:
		// Nothing decoded: the errors say why.
	default:
		if c.frame >= ix.Frames() {
			fmt.Fprintf(stderr, "wsframe: -frame %d: the input has %d frames (0 to %d)\n", c.frame, ix.Frames(), ix.Frames()-1)
			return 2
		}
		writeView(out, l, c, newPalette(c.color, stdout))
	}
	out.Flush()
	return report(name, c.keylog, r, l, stderr)
}

// The most the command reads of what it holds whole: text or raw frame
// bytes (kept whole, with every frame decoded from them), and a key log.
const (
	maxTextInput = 32 << 20
	maxKeyLog    = 16 << 20
)

// errTooLong says that an input passed its limit.
type errTooLong struct {
	what  string
	limit int
	hint  string
}

func (e *errTooLong) Error() string {
	return fmt.Sprintf("%s is longer than the %d MiB the command reads of it; %s", e.what, e.limit>>20, e.hint)
}

// readUpTo reads r to its end, failing once it passes limit bytes. It
// reads in pieces and joins them once, so that it holds at most the limit
// while it reads, not twice (as a slice grown by doubling would).
func readUpTo(r io.Reader, limit int) ([]byte, error) {
	var pieces [][]byte
	n := 0
	for n <= limit {
		p := make([]byte, 1<<20)
		k, err := io.ReadFull(r, p)
		pieces = append(pieces, p[:k])
		n += k
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if n > limit {
		return nil, &errTooLong{"the input, read as text or raw frames,", limit,
			"is it the right file (a capture starts with its magic number)? Keep the frames you want, or save the traffic as a .pcap"}
	}
	if len(pieces) == 1 {
		return pieces[0], nil
	}
	return bytes.Join(pieces, nil), nil
}

// readKeyLog reads an NSS key log, which holds a few lines a connection,
// up to maxKeyLog bytes.
func readKeyLog(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	k, err := io.ReadAll(io.LimitReader(f, maxKeyLog+1))
	if err != nil {
		return nil, err
	}
	if len(k) > maxKeyLog {
		return nil, &errTooLong{name, maxKeyLog, "a key log holds a few lines a connection (SSLKEYLOGFILE): is it the right file?"}
	}
	return k, nil
}

// cliIndexBudget is the memory the command's index may use: the command
// has the machine to itself, and an index takes about 60 bytes a frame.
const cliIndexBudget = 16 << 30

// openInput opens a file, or standard input for "-", and says its size
// (-1 when unknown).
func openInput(name string, stdin io.Reader) (io.Reader, int64, func(), error) {
	if name == "-" {
		return stdin, -1, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, nil, err
	}
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return f, size, func() { f.Close() }, nil
}
