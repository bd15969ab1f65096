package reading

import (
	"math"
	"strconv"

	"github.com/wsframe/wsframe/internal/msg"
)

// CBOR (RFC 8949). The value is written as JSON: a byte string as
// {"$bin": hex}, a tag as {"$tag": number, "$value": content}, undefined
// as null, simple values as {"$simple": n}; map keys that are not strings
// become the string of their JSON. Indefinite-length strings, arrays and
// maps are read to their break.

// cborContainer reports whether c begins a CBOR array, map or tag.
func cborContainer(c byte) bool { return c >= 0x80 && c <= 0xdb }

func readCBOR(b []byte) *Reading {
	d := &data{b: b}
	top, end := d.cbor(0, "value", 0)
	return d.finish("cbor", top, end)
}

// cborTagNames names the tags of RFC 8949 3.4 and a few common ones.
var cborTagNames = [...]string{0: "date/time string", 1: "epoch time", 2: "unsigned bignum",
	3: "negative bignum", 4: "decimal fraction", 5: "bigfloat", 21: "base64url expected",
	22: "base64 expected", 23: "base16 expected", 24: "embedded CBOR", 32: "URI", 33: "base64url",
	34: "base64", 36: "MIME message"}

// cborHead reads an item's head at p: major type, additional info, the
// argument and the offset past the head. ok is false on an error.
func (d *data) cborHead(p int) (major, info byte, arg uint64, q int, ok bool) {
	if !d.need(p, 1, msg.New("rd.what.cbor-item", "a CBOR item")) {
		return 0, 0, 0, len(d.b), false
	}
	major, info = d.b[p]>>5, d.b[p]&31
	q = p + 1
	switch {
	case info < 24:
		arg = uint64(info)
	case info <= 27:
		w := 1 << (info - 24)
		if !d.need(q, w, msg.New("rd.what.argument", "an argument")) {
			return 0, 0, 0, len(d.b), false
		}
		arg = d.uint(q, w)
		q += w
	case info == 31:
		if major == 0 || major == 1 || major == 6 {
			d.fail(p, msg.New("rd.cbor.indefinite", "additional information 31 (indefinite length) is not allowed for major type {major}", "major", int(major)))
			return 0, 0, 0, len(d.b), false
		}
	default:
		d.fail(p, msg.New("rd.cbor.reserved", "additional information {info} is reserved (RFC 8949 3)", "info", int(info)))
		return 0, 0, 0, len(d.b), false
	}
	return major, info, arg, q, true
}

// cbor reads the item at p, writes its JSON and returns its field and the
// offset past it.
func (d *data) cbor(p int, name string, depth int) (Field, int) {
	f := Field{Name: name, Start: p, End: p}
	if depth > MaxDepth {
		d.fail(p, msg.New("rd.err.depth", "nested deeper than {max}", "max", MaxDepth))
		return f, len(d.b)
	}
	major, info, arg, q, ok := d.cborHead(p)
	if !ok {
		return f, len(d.b)
	}
	start := len(d.out)
	switch major {
	case 0:
		d.out = strconv.AppendUint(d.out, arg, 10)
		f.Value = d.scalar(start)
	case 1:
		if arg < 1<<63 {
			d.out = strconv.AppendInt(d.out, -1-int64(arg), 10)
		} else {
			// -1 - arg is beyond int64: write it exactly.
			d.out = append(d.out, '-')
			d.out = appendUintPlusOne(d.out, arg)
		}
		f.Value = d.scalar(start)
	case 2, 3:
		var s []byte
		if info == 31 {
			// Chunks of the same major type until the break (RFC 8949 3.2.3).
			for {
				if !d.need(q, 1, msg.New("rd.what.chunk", "a chunk or break")) {
					return f, len(d.b)
				}
				if d.b[q] == 0xff {
					q++
					break
				}
				cm, ci, n, cq, ok := d.cborHead(q)
				if !ok {
					return f, len(d.b)
				}
				if cm != major || ci == 31 {
					d.fail(q, msg.New("rd.cbor.chunk-type", "a chunk of an indefinite-length string must be a definite string of the same type"))
					return f, len(d.b)
				}
				if n > uint64(len(d.b)-cq) {
					d.fail(q, msg.New("rd.cbor.chunk", "a chunk of {n} bytes, {left} left", "n", n, "left", len(d.b)-cq))
					return f, len(d.b)
				}
				s = append(s, d.b[cq:cq+int(n)]...)
				q = cq + int(n)
			}
		} else {
			if arg > uint64(len(d.b)-q) {
				d.fail(p, msg.New("rd.cbor.string", "a string of {n} bytes, {left} left", "n", arg, "left", len(d.b)-q))
				return f, len(d.b)
			}
			s = d.b[q : q+int(arg)]
			q += int(arg)
		}
		if major == 2 {
			d.out = appendBin(d.out, s)
			l := says(msg.Plural("rd.cbor.bytes", len(s), "byte string of {n} byte", "byte string of {n} bytes"))
			l.lit(": " + hexPreview(s))
			l.value(&f)
		} else {
			d.out = appendString(d.out, string(s))
			f.Value = quote(string(s))
		}
	case 4, 5:
		kind, open, close, per := "array", byte('['), byte(']'), uint64(1)
		if major == 5 {
			kind, open, close, per = "map", '{', '}', 2
		}
		if info != 31 && arg > uint64(len(d.b)-q)/per {
			d.fail(p, msg.New("rd.err.items", "{kind} of {n} needs at least {need} bytes, {left} left", "kind", kind, "n", arg, "need", arg*per, "left", len(d.b)-q))
			return f, len(d.b)
		}
		d.out = append(d.out, open)
		i := 0
		for d.err == nil {
			if info == 31 {
				if !d.need(q, 1, msg.New("rd.what.item", "an item or break")) {
					break
				}
				if d.b[q] == 0xff {
					q++
					break
				}
			} else if uint64(i) >= arg {
				break
			}
			if i > 0 {
				d.out = append(d.out, ',')
			}
			var child Field
			if major == 5 {
				ks := len(d.out)
				kf, kq := d.cbor(q, "key", depth+1)
				if d.err != nil {
					break
				}
				k := d.key(ks)
				d.out = append(d.out, ':')
				child, q = d.cbor(kq, k, depth+1)
				child.Start = kf.Start
			} else {
				child, q = d.cbor(q, strconv.Itoa(i), depth+1)
			}
			f.Fields = d.t.add(f.Fields, child)
			i++
		}
		d.out = append(d.out, close)
		sayValue(&f, container(kind, i))
	case 6:
		d.out = append(d.out, `{"$tag":`...)
		d.out = strconv.AppendUint(d.out, arg, 10)
		d.out = append(d.out, `,"$value":`...)
		var child Field
		child, q = d.cbor(q, "content", depth+1)
		d.out = append(d.out, '}')
		f.Value = "tag " + strconv.FormatUint(arg, 10)
		if arg < uint64(len(cborTagNames)) && cborTagNames[arg] != "" {
			f.Value += " (" + cborTagNames[arg] + ")"
		} else if arg == 55799 {
			f.Value += " (self-described CBOR)"
		}
		f.Fields = d.t.add(f.Fields, child)
	case 7:
		switch {
		case info == 20:
			d.out = append(d.out, "false"...)
		case info == 21:
			d.out = append(d.out, "true"...)
		case info == 22:
			d.out = append(d.out, "null"...)
		case info == 23:
			d.out = append(d.out, "null"...)
			f.Value = "undefined"
		case info == 25:
			d.out = appendFloat(d.out, halfFloat(uint16(arg)), 64)
		case info == 26:
			d.out = appendFloat(d.out, float64(math.Float32frombits(uint32(arg))), 32)
		case info == 27:
			d.out = appendFloat(d.out, math.Float64frombits(arg), 64)
		case info == 31:
			d.fail(p, msg.New("rd.cbor.break", "a break (0xff) outside an indefinite-length item"))
			return f, len(d.b)
		case info == 24 && arg < 32:
			d.fail(p, msg.New("rd.cbor.simple", "simple value {n} must be written in one byte (RFC 8949 3.3)", "n", arg))
			return f, len(d.b)
		default:
			d.out = append(d.out, `{"$simple":`...)
			d.out = strconv.AppendUint(d.out, arg, 10)
			d.out = append(d.out, '}')
		}
		if f.Value == "" {
			f.Value = d.scalar(start)
		}
	}
	f.End = q
	return f, q
}

// appendUintPlusOne appends v+1 in decimal, for negative integers whose
// magnitude does not fit in an int64.
func appendUintPlusOne(b []byte, v uint64) []byte {
	if v != math.MaxUint64 {
		return strconv.AppendUint(b, v+1, 10)
	}
	return append(b, "18446744073709551616"...)
}

// halfFloat converts an IEEE 754 half-precision float (RFC 8949 appendix D).
func halfFloat(h uint16) float64 {
	exp := int(h>>10) & 0x1f
	mant := float64(h & 0x3ff)
	var v float64
	switch exp {
	case 0:
		v = math.Ldexp(mant, -24)
	case 31:
		if mant == 0 {
			v = math.Inf(1)
		} else {
			v = math.NaN()
		}
	default:
		v = math.Ldexp(mant+1024, exp-25)
	}
	if h&0x8000 != 0 {
		return -v
	}
	return v
}
