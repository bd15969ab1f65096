//go:build !js || full

package main

import (
	"io"

	"github.com/hack-pad/safejs"
)

// fullOps are the full program's functions: what it adds to the first
// program's API (kit_full.go), each named with its capability in opNeeds.
func fullOps() map[string]op {
	return map[string]op{"decodeCapture": decodeCaptureOp, "decodeStream": decodeStreamOp,
		"encode": encodeOp, "filter": filterOp, "filterFields": filterFieldsOp, "handshake": handshakeOp, "warm": warmOp}
}

// handshakeOp is wsframe.handshake(connection).
func handshakeOp(args []safejs.Value) string {
	if len(args) < 1 || args[0].Type() != safejs.TypeNumber {
		return errorJSON(0, "handshake(connection) needs a connection id")
	}
	id, _ := args[0].Int()
	return handshake(id)
}

// warmOp is wsframe.warm(take) (warmUp): take, a function when given,
// is handed the capture decoded as a Uint8Array, for the worker to
// decode once more the way a file is read.
func warmOp(args []safejs.Value) string {
	data := warmUp()
	if len(args) < 1 || args[0].Type() != safejs.TypeFunction {
		return "{}"
	}
	b, err := safejs.Global().Get("Uint8Array")
	if err == nil {
		b, err = b.New(len(data))
	}
	if err == nil {
		_, err = safejs.CopyBytesToJS(b, data)
	}
	if err == nil {
		_, err = args[0].Invoke(b)
	}
	if err != nil {
		return errorJSON(0, err.Error())
	}
	return "{}"
}

// decodeCaptureOp is wsframe.decodeCapture(bytes, options).
func decodeCaptureOp(args []safejs.Value) string {
	b, err := bytesArg(args, 0)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	return decodeCaptureBytes(b, optionsArg(args, 1))
}

// decodeStreamOp is wsframe.decodeStream(read, size, options).
func decodeStreamOp(args []safejs.Value) string {
	if len(args) < 2 || args[0].Type() != safejs.TypeFunction || args[1].Type() != safejs.TypeNumber {
		return errorJSON(0, "decodeStream(read, size, options) needs a read(offset, length) function and the size")
	}
	size, err := args[1].Int()
	if err != nil {
		return errorJSON(0, err.Error())
	}
	o := optionsArg(args, 2)
	read := args[0]
	// The first pass reads the pieces the worker reads ahead, when it
	// passes next; a second one (a gzip capture read again at an
	// offset) reads through read.
	at := jsReaderAt(read, int64(size))
	var first io.Reader
	if next := functionArg(args, 2, "next"); next != nil {
		first = &pieces{next: *next, keep: at.keep}
	}
	open := func() io.Reader {
		if r := first; r != nil {
			first = nil
			return r
		}
		return &jsReader{read: read, size: int64(size)}
	}
	run := func() string { return decodeStream(open, at, int64(size), o, progressArg(args, 2)) }
	if done := functionArg(args, 2, "done"); done != nil {
		// A goroutine of its own, so that Go's runtime hands the event
		// loop back while it waits for a piece (await); the answer
		// goes to done.
		go func() { _, _ = done.Invoke(guard(run)) }()
		return ""
	}
	return run()
}

// progressArg returns a function that calls options.progress(done), if the
// options object has one.
func progressArg(args []safejs.Value, i int) func(int64) {
	fn := functionArg(args, i, "progress")
	if fn == nil {
		return nil
	}
	return func(done int64) { fn.Invoke(float64(done)) }
}

// functionArg is the function at key of the options object args[i], or nil.
func functionArg(args []safejs.Value, i int, key string) *safejs.Value {
	if len(args) <= i || args[i].Type() != safejs.TypeObject {
		return nil
	}
	fn, err := args[i].Get(key)
	if err != nil || fn.Type() != safejs.TypeFunction {
		return nil
	}
	return &fn
}

// pieces reads a file in order from the pieces the worker reads ahead:
// next() answers a Promise of the next piece, a Uint8Array, empty at the
// end. The first piece crosses into Go whole, for the block cache (keep),
// which it fills; the later ones cross straight into the reader's buffer,
// so that the file's bytes are copied once into Go, not twice (issue 24).
type pieces struct {
	next safejs.Value
	keep func(p []byte, off int64) // offered the first piece, for the block cache
	buf  []byte                    // the first piece
	rest []byte                    // its part not read yet
	js   safejs.Value              // a later piece, while it is read
	at   int                       // of js, the next byte to read
	size int                       // of js
	more bool                      // the first piece has come
	end  bool
}

func (r *pieces) Read(p []byte) (int, error) {
	for len(r.rest) == 0 && r.at == r.size {
		if r.end {
			return 0, io.EOF
		}
		if err := r.fill(); err != nil {
			return 0, err
		}
	}
	if len(r.rest) > 0 {
		n := copy(p, r.rest)
		r.rest = r.rest[n:]
		if len(r.rest) == 0 {
			r.buf, r.rest = nil, nil // read, and kept by the cache as far as it keeps
		}
		return n, nil
	}
	k := min(len(p), r.size-r.at)
	from := r.js
	if r.at > 0 || k < r.size {
		v, err := r.js.Call("subarray", r.at, r.at+k)
		if err != nil {
			return 0, errorf("reading the file: %v", err)
		}
		from = v
	}
	n, err := safejs.CopyBytesToGo(p[:k], from)
	if err != nil {
		return 0, errorf("reading the file: %v", err)
	}
	r.at += n
	return n, nil
}

// fill waits for the next piece.
func (r *pieces) fill() error {
	v, err := r.next.Invoke()
	if err == nil {
		v, err = await(v)
	}
	if err != nil {
		return errorf("reading the file: %v", err)
	}
	n, err := v.Length()
	if err != nil {
		return errorf("reading the file: next() answered no Uint8Array: %v", err)
	}
	if n == 0 {
		r.end = true
		return nil
	}
	if r.more {
		r.js, r.at, r.size = v, 0, n
		return nil
	}
	r.more = true
	r.buf = make([]byte, n)
	k, err := safejs.CopyBytesToGo(r.buf, v)
	if err != nil {
		return errorf("reading the file: %v", err)
	}
	r.rest = r.buf[:k]
	if r.keep != nil {
		r.keep(r.rest, 0)
	}
	return nil
}

// jsReader reads a file through a JS function read(offset, length) that
// returns a Uint8Array (FileReaderSync in the worker).
type jsReader struct {
	read safejs.Value
	off  int64
	size int64
}

func (r *jsReader) Read(p []byte) (int, error) {
	if r.off >= r.size {
		return 0, io.EOF
	}
	n := min(int64(len(p)), r.size-r.off, 4<<20)
	v, err := r.read.Invoke(float64(r.off), float64(n))
	if err != nil {
		return 0, err
	}
	got, err := safejs.CopyBytesToGo(p[:n], v)
	if err != nil {
		return 0, err
	}
	if got == 0 {
		return 0, io.ErrUnexpectedEOF
	}
	r.off += int64(got)
	return got, nil
}

// jsReaderAt reads a file at offsets through the JS function
// read(offset, length), through a cache of the blocks read last.
func jsReaderAt(read safejs.Value, size int64) *blockCache {
	return newBlockCache(size, func(p []byte, off int64) (int, error) {
		n := int(min(int64(len(p)), size-off))
		v, err := read.Invoke(float64(off), float64(n))
		if err != nil {
			return 0, err
		}
		return safejs.CopyBytesToGo(p[:n], v)
	})
}

// bytesArg copies a Uint8Array argument into Go memory, once.
func bytesArg(args []safejs.Value, i int) ([]byte, error) {
	if len(args) <= i {
		return nil, errorf("argument %d must be a Uint8Array", i+1)
	}
	n, err := args[i].Get("length")
	if err != nil {
		return nil, err
	}
	size, err := n.Int()
	if err != nil {
		return nil, errorf("argument %d must be a Uint8Array", i+1)
	}
	b := make([]byte, size)
	if _, err := safejs.CopyBytesToGo(b, args[i]); err != nil {
		return nil, errorf("argument %d must be a Uint8Array: %v", i+1, err)
	}
	return b, nil
}
