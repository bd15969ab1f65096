package tlsdec

// hello is what a ClientHello or ServerHello says (RFC 8446 section 4.1.2
// and 4.1.3, RFC 5246 section 7.4.1).
type hello struct {
	version uint16
	random  [32]byte
	suite   uint16
	sni     string
	alpn    []string
	ems     bool
	etm     bool
}

// reader reads big-endian fields, remembering the first shortfall.
type reader struct {
	b  []byte
	ok bool
}

func (r *reader) bytes(n int) []byte {
	if !r.ok || n > len(r.b) {
		r.ok = false
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) u8() int {
	v := r.bytes(1)
	if v == nil {
		return 0
	}
	return int(v[0])
}

func (r *reader) u16() int {
	v := r.bytes(2)
	if v == nil {
		return 0
	}
	return int(v[0])<<8 | int(v[1])
}

// vec reads a vector with a length prefix of n bytes.
func (r *reader) vec(n int) reader {
	l := 0
	if n == 1 {
		l = r.u8()
	} else {
		l = r.u16()
	}
	return reader{b: r.bytes(l), ok: r.ok}
}

// Extensions read here (RFC 8446 section 4.2, RFC 7301, RFC 7627, RFC 7366).
const (
	extServerName           = 0
	extALPN                 = 16
	extEncryptThenMAC       = 22
	extExtendedMasterSecret = 23
	extSupportedVersions    = 43
)

// readHello reads a ClientHello (client) or ServerHello body; why names
// the field that runs past the end ("" when the hello reads whole).
func readHello(b []byte, client bool) (h hello, why string) {
	r := reader{b: b, ok: true}
	// step names the field just read (RFC 8446 4.1.2's names) when it
	// ran past the end.
	step := func(field string) bool {
		if !r.ok && why == "" {
			why = field
		}
		return r.ok
	}
	h.version = uint16(r.u16())
	copy(h.random[:], r.bytes(32))
	if !step("legacy_version and random") {
		return h, why
	}
	r.vec(1) // legacy_session_id
	if !step("legacy_session_id") {
		return h, why
	}
	if client {
		r.vec(2) // cipher_suites
		step("cipher_suites")
		r.vec(1) // compression methods
		step("legacy_compression_methods")
	} else {
		h.suite = uint16(r.u16())
		r.u8()
		step("cipher_suite and legacy_compression_method")
	}
	if !r.ok {
		return h, why
	}
	if len(r.b) == 0 {
		return h, "" // no extensions
	}
	exts := r.vec(2)
	for exts.ok && len(exts.b) >= 4 {
		typ := exts.u16()
		e := exts.vec(2)
		switch typ {
		case extServerName:
			if client {
				list := e.vec(2)
				for list.ok && len(list.b) >= 3 {
					kind := list.u8()
					name := list.vec(2)
					if kind == 0 && name.ok {
						h.sni = string(name.b)
					}
				}
			}
		case extALPN:
			list := e.vec(2)
			for list.ok && len(list.b) > 0 {
				p := list.vec(1)
				if p.ok && len(h.alpn) < 16 {
					h.alpn = append(h.alpn, string(p.b))
				}
			}
		case extSupportedVersions:
			if !client && len(e.b) == 2 {
				h.version = uint16(e.u16())
			} else if client {
				list := e.vec(1)
				for list.ok && len(list.b) >= 2 {
					if v := uint16(list.u16()); v == VersionTLS13 {
						h.version = v // offered; the ServerHello decides
					}
				}
			}
		case extExtendedMasterSecret:
			h.ems = true
		case extEncryptThenMAC:
			h.etm = true
		}
	}
	if !exts.ok {
		return h, "extensions"
	}
	return h, ""
}

// readEEALPN returns the protocol an EncryptedExtensions message selects.
func readEEALPN(b []byte) string {
	r := reader{b: b, ok: true}
	exts := r.vec(2)
	for exts.ok && len(exts.b) >= 4 {
		typ := exts.u16()
		e := exts.vec(2)
		if typ == extALPN {
			list := e.vec(2)
			p := list.vec(1)
			if p.ok {
				return string(p.b)
			}
		}
	}
	return ""
}
