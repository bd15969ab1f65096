// Command wasmsize says what each Go package costs in a WebAssembly
// binary built without -s -w: the bytes of its functions' code, from the
// code section, named by the name section. It answers "what does this
// dependency or reader cost in the wasm" before it is kept.
//
//	GOOS=js GOARCH=wasm go build -o /tmp/w.wasm ./wasm
//	go run ./tools/wasmsize [-n 30] [-funcs pkg] /tmp/w.wasm
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	top := flag.Int("n", 40, "how many packages (or functions) to list")
	funcs := flag.String("funcs", "", "list the largest functions of packages whose path starts with this")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-n N] [-funcs PKG] FILE.wasm (built without -s -w)")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	sizes, names, imported, err := parse(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
	byKey := map[string]int{}
	total := 0
	for i, size := range sizes {
		name := names[uint32(i+imported)]
		total += size
		key := pkgOf(name)
		if *funcs != "" {
			if !strings.HasPrefix(key, *funcs) {
				continue
			}
			key = name
		}
		byKey[key] += size
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return byKey[keys[i]] > byKey[keys[j]] })
	fmt.Printf("code %d bytes in %d functions (file %d bytes)\n", total, len(sizes), len(data))
	for i, k := range keys {
		if i == *top {
			break
		}
		fmt.Printf("%9d  %5.1f%%  %s\n", byKey[k], 100*float64(byKey[k])/float64(total), k)
	}
}

// pkgOf is the package of a function's name in the name section, such as
// "github.com_x_y.__T_.M" or "fmt.Sprintf".
func pkgOf(name string) string {
	if name == "" {
		return "(unnamed)"
	}
	// The name section spells "github.com/x/y.F" as "github.com_x_y.F".
	skip := 0
	for _, host := range []string{"github.com_", "golang.org_"} {
		if strings.HasPrefix(name, host) {
			skip = len(host)
		}
	}
	dot := strings.IndexByte(name[skip:], '.')
	if dot < 0 {
		return name
	}
	return name[:skip+dot]
}

// parse reads the code section's body sizes and the name section's
// function names; imported is how many functions are imports (the code
// section's first body is function number imported).
func parse(data []byte) (sizes []int, names map[uint32]string, imported int, err error) {
	if len(data) < 8 || !bytes.Equal(data[:4], []byte("\x00asm")) {
		return nil, nil, 0, errors.New("not a WebAssembly binary")
	}
	names = map[uint32]string{}
	r := reader{b: data, i: 8}
	for r.i < len(r.b) && r.err == nil {
		id := r.byte()
		size := int(r.uleb())
		if r.err != nil || size > len(r.b)-r.i {
			return nil, nil, 0, fmt.Errorf("section %d at byte %d runs past the end", id, r.i)
		}
		sec := reader{b: r.b[r.i : r.i+size]}
		r.i += size
		switch id {
		case 2: // imports
			for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
				sec.name()
				sec.name()
				kind := sec.byte()
				switch kind {
				case 0:
					sec.uleb()
					imported++
				case 1:
					sec.byte()
					sec.limits()
				case 2:
					sec.limits()
				case 3:
					sec.byte()
					sec.byte()
				}
			}
		case 10: // code
			for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
				body := int(sec.uleb())
				sizes = append(sizes, body)
				sec.i += body
			}
		case 0: // custom: the name section
			if sec.name() != "name" {
				continue
			}
			for sec.i < len(sec.b) && sec.err == nil {
				sub := sec.byte()
				subSize := int(sec.uleb())
				end := sec.i + subSize
				if sub == 1 {
					for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
						idx := uint32(sec.uleb())
						names[idx] = sec.name()
					}
				}
				sec.i = end
			}
		}
		if sec.err != nil {
			return nil, nil, 0, fmt.Errorf("section %d: %w", id, sec.err)
		}
	}
	if len(names) == 0 {
		return nil, nil, 0, errors.New("no name section: build without -ldflags=-s -w")
	}
	return sizes, names, imported, r.err
}

type reader struct {
	b   []byte
	i   int
	err error
}

func (r *reader) byte() byte {
	if r.i >= len(r.b) {
		r.err = errors.New("unexpected end")
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *reader) uleb() uint64 {
	if r.i > len(r.b) {
		r.err = errors.New("unexpected end")
		return 0
	}
	v, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 {
		r.err = fmt.Errorf("bad LEB128 at byte %d", r.i)
		return 0
	}
	r.i += n
	return v
}

func (r *reader) name() string {
	n := int(r.uleb())
	if r.err != nil || n > len(r.b)-r.i {
		r.err = errors.New("name runs past the end")
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func (r *reader) limits() {
	if r.byte()&1 != 0 {
		r.uleb()
	}
	r.uleb()
}
