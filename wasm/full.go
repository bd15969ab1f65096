//go:build js && full

package main

import (
	"io"

	"github.com/hack-pad/safejs"
)

// The full program's functions: what it adds to the first program's API.
func init() {
	fullOps["decodeCapture"] = func(args []safejs.Value) string {
		b, err := bytesArg(args, 0)
		if err != nil {
			return errorJSON(0, err.Error())
		}
		return decodeCaptureBytes(b, optionsArg(args, 1))
	}
	fullOps["decodeStream"] = func(args []safejs.Value) string {
		if len(args) < 2 || args[0].Type() != safejs.TypeFunction || args[1].Type() != safejs.TypeNumber {
			return errorJSON(0, "decodeStream(read, size, options) needs a read(offset, length) function and the size")
		}
		size, err := args[1].Int()
		if err != nil {
			return errorJSON(0, err.Error())
		}
		o := optionsArg(args, 2)
		read := args[0]
		open := func() io.Reader { return &jsReader{read: read, size: int64(size)} }
		at := jsReaderAt(read, int64(size))
		return decodeStream(open, at, int64(size), o, progressArg(args, 2))
	}
}

// progressArg returns a function that calls options.progress(done), if the
// options object has one.
func progressArg(args []safejs.Value, i int) func(int64) {
	if len(args) <= i || args[i].Type() != safejs.TypeObject {
		return nil
	}
	fn, err := args[i].Get("progress")
	if err != nil || fn.Type() != safejs.TypeFunction {
		return nil
	}
	return func(done int64) { fn.Invoke(float64(done)) }
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
func jsReaderAt(read safejs.Value, size int64) io.ReaderAt {
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
