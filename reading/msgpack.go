package reading

import (
	"encoding/binary"
	"math"
	"strconv"
	"time"

	"github.com/wsframe/wsframe/internal/msg"
)

// MessagePack (github.com/msgpack/msgpack/blob/master/spec.md). The value
// is written as JSON: bin as {"$bin": hex}, an extension as {"$ext": type,
// "$data": hex}, the timestamp extension (-1) as {"$timestamp": RFC 3339};
// map keys that are not strings become the string of their JSON.

// msgpackContainer reports whether c begins a MessagePack map or array.
func msgpackContainer(c byte) bool {
	return c >= 0x80 && c <= 0x9f || c >= 0xdc && c <= 0xdf
}

func readMsgpack(b []byte) *Reading {
	d := &data{b: b}
	top, end := d.msgpack(0, "value", 0)
	return d.finish("msgpack", top, end)
}

// msgpack reads the item at p, writes its JSON and returns its field and
// the offset past it.
func (d *data) msgpack(p int, name string, depth int) (Field, int) {
	f := Field{Name: name, Start: p, End: p}
	if !d.need(p, 1, msg.New("rd.what.msgpack-item", "a MessagePack item")) {
		return f, len(d.b)
	}
	if depth > MaxDepth {
		d.fail(p, msg.New("rd.err.depth", "nested deeper than {max}", "max", MaxDepth))
		return f, len(d.b)
	}
	c := d.b[p]
	start := len(d.out)
	q := p + 1
	n := 0     // length of a string, bin, ext, or count of an array or map
	kind := "" // "str", "bin", "ext", "array", "map"
	switch {
	case c <= 0x7f:
		d.out = strconv.AppendUint(d.out, uint64(c), 10)
	case c >= 0xe0:
		d.out = strconv.AppendInt(d.out, int64(int8(c)), 10)
	case c <= 0x8f:
		kind, n = "map", int(c&15)
	case c <= 0x9f:
		kind, n = "array", int(c&15)
	case c <= 0xbf:
		kind, n = "str", int(c&31)
	case c == 0xc0:
		d.out = append(d.out, "null"...)
	case c == 0xc2:
		d.out = append(d.out, "false"...)
	case c == 0xc3:
		d.out = append(d.out, "true"...)
	case c >= 0xc4 && c <= 0xc9 || c >= 0xd9 && c <= 0xdb || c >= 0xdc && c <= 0xdf:
		w := 1 << ((c - 0xc4) % 3) // c4..c9: 1, 2, 4
		switch {
		case c >= 0xd9 && c <= 0xdb:
			kind, w = "str", 1<<(c-0xd9)
		case c >= 0xdc:
			kind, w = "array", 2<<((c-0xdc)&1)
			if c >= 0xde {
				kind = "map"
			}
		case c <= 0xc6:
			kind = "bin"
		default:
			kind = "ext"
		}
		if !d.need(q, w, msg.New("rd.what.length", "a length")) {
			return f, len(d.b)
		}
		v := d.uint(q, w)
		q += w
		if v > uint64(len(d.b)) {
			d.fail(p, msg.New("rd.msgpack.short", "{kind} of {n}, but only {left} left", "kind", kind, "n", v, "left", byteCount(len(d.b)-q)))
			return f, len(d.b)
		}
		n = int(v)
		if kind == "ext" {
			n = -1 - n // marks an ext whose type byte follows
		}
	case c == 0xca || c == 0xcb:
		w := 4 << (c - 0xca)
		if !d.need(q, w, msg.New("rd.what.float", "a float")) {
			return f, len(d.b)
		}
		if w == 4 {
			d.out = appendFloat(d.out, float64(math.Float32frombits(uint32(d.uint(q, 4)))), 32)
		} else {
			d.out = appendFloat(d.out, math.Float64frombits(d.uint(q, 8)), 64)
		}
		q += w
	case c >= 0xcc && c <= 0xd3:
		w := 1 << ((c - 0xcc) & 3)
		if !d.need(q, w, msg.New("rd.what.integer", "an integer")) {
			return f, len(d.b)
		}
		v := d.uint(q, w)
		if c <= 0xcf {
			d.out = strconv.AppendUint(d.out, v, 10)
		} else {
			shift := 64 - 8*w
			d.out = strconv.AppendInt(d.out, int64(v<<shift)>>shift, 10)
		}
		q += w
	case c >= 0xd4 && c <= 0xd8:
		kind, n = "ext", -1-(1<<(c-0xd4))
	default: // 0xc1
		d.fail(p, msg.New("rd.msgpack.c1", "0xc1 is never used in MessagePack"))
		return f, len(d.b)
	}
	switch kind {
	case "":
		f.Value = d.scalar(start)
	case "str":
		if !d.need(q, n, msg.Plural("rd.what.string", n, "a string of {n} byte", "a string of {n} bytes")) {
			return f, len(d.b)
		}
		s := string(d.b[q : q+n])
		d.out = appendString(d.out, s)
		f.Value = quote(s)
		q += n
	case "bin":
		if !d.need(q, n, msg.Plural("rd.what.bin", n, "bin of {n} byte", "bin of {n} bytes")) {
			return f, len(d.b)
		}
		d.out = appendBin(d.out, d.b[q:q+n])
		l := line{}
		l.lit("bin ")
		l.say(byteCount(n))
		l.lit(": " + hexPreview(d.b[q:q+n]))
		l.value(&f)
		q += n
	case "ext":
		n = -1 - n
		if !d.need(q, 1+n, msg.Plural("rd.what.ext", n, "an extension of {n} byte", "an extension of {n} bytes")) {
			return f, len(d.b)
		}
		typ := int8(d.b[q])
		body := d.b[q+1 : q+1+n]
		if t, ok := msgpackTime(typ, body); ok {
			d.out = append(d.out, `{"$timestamp":"`...)
			d.out = t.AppendFormat(d.out, time.RFC3339Nano)
			d.out = append(d.out, `"}`...)
			sayValue(&f, msg.New("rd.msgpack.timestamp", "timestamp {time}", "time", t.Format(time.RFC3339Nano)))
		} else {
			d.out = append(d.out, `{"$ext":`...)
			d.out = strconv.AppendInt(d.out, int64(typ), 10)
			d.out = append(d.out, `,"$data":"`...)
			d.out = appendHex(d.out, body)
			d.out = append(d.out, `"}`...)
			l := line{}
			l.lit("ext " + strconv.Itoa(int(typ)) + ", ")
			l.say(byteCount(n))
			l.value(&f)
		}
		q += 1 + n
	case "array", "map":
		per := 1
		if kind == "map" {
			per = 2
		}
		if n*per > len(d.b)-q {
			d.fail(p, msg.New("rd.err.items", "{kind} of {n} needs at least {need} bytes, {left} left", "kind", kind, "n", n, "need", n*per, "left", len(d.b)-q))
			return f, len(d.b)
		}
		open, close := byte('['), byte(']')
		if kind == "map" {
			open, close = '{', '}'
		}
		d.out = append(d.out, open)
		for i := 0; i < n && d.err == nil; i++ {
			if i > 0 {
				d.out = append(d.out, ',')
			}
			var child Field
			if kind == "map" {
				ks := len(d.out)
				kf, kq := d.msgpack(q, "key", depth+1)
				if d.err != nil {
					break
				}
				k := d.key(ks)
				d.out = append(d.out, ':')
				child, q = d.msgpack(kq, k, depth+1)
				child.Start = kf.Start
			} else {
				child, q = d.msgpack(q, strconv.Itoa(i), depth+1)
			}
			f.Fields = d.t.add(f.Fields, child)
		}
		d.out = append(d.out, close)
		sayValue(&f, container(kind, n))
	}
	f.End = q
	return f, q
}

// msgpackTime reads the timestamp extension (type -1) in its three sizes.
func msgpackTime(typ int8, b []byte) (time.Time, bool) {
	if typ != -1 {
		return time.Time{}, false
	}
	switch len(b) {
	case 4:
		return time.Unix(int64(binary.BigEndian.Uint32(b)), 0).UTC(), true
	case 8:
		v := binary.BigEndian.Uint64(b)
		return time.Unix(int64(v&(1<<34-1)), int64(v>>34)).UTC(), true
	case 12:
		return time.Unix(int64(binary.BigEndian.Uint64(b[4:])), int64(binary.BigEndian.Uint32(b))).UTC(), true
	}
	return time.Time{}, false
}

//go:noinline
func appendHex(b, v []byte) []byte {
	for _, c := range v {
		b = append(b, hexDigits[c>>4], hexDigits[c&15])
	}
	return b
}

//go:noinline
func appendBin(b, v []byte) []byte {
	b = append(b, `{"$bin":"`...)
	b = appendHex(b, v)
	return append(b, `"}`...)
}
