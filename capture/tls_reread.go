package capture

import (
	"fmt"
	"io"
	"sort"
	"unsafe"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/msg"
	"github.com/wsframe/wsframe/tlsdec"
)

// Reading TLS plaintext again for an index: instead of a copy of what was
// decrypted, the index keeps per TLS record a fixed record (where its
// plaintext starts, where its ciphertext is in the direction's TCP stream,
// its length and sequence number), per direction a map from TCP stream
// offsets to the file, and the direction's keys; asked for plaintext
// bytes again, it reads the records they came in from the file and
// decrypts them again (decoder.Rereader).

// tlsReread is what reads one direction's plaintext again.
type tlsReread struct {
	ix     decoder.Indexer
	shared *rereadScratch
	tcp    []tcpSeg   // where the direction's TCP bytes are in the file
	recs   []plainRec // the records decrypted, in order
	keys   []tlsdec.Keys
	at     int64 // TCP stream offset of the next byte
	noSrc  bool  // some TCP bytes are in no file (text input): nothing is read again
	missed bool  // some plaintext cannot be read again
}

// tcpSeg says that the direction's TCP bytes from off on (up to the next
// tcpSeg) are at src in the file; src < 0: they are not there.
type tcpSeg struct{ off, src int64 }

// plainRec is one decrypted record: its plaintext starts at stream offset
// plain; its header is at TCP stream offset off; it has length bytes of
// body and sequence number seq under keys[keys].
type plainRec struct {
	plain, off int64
	seq        uint64
	length     uint16
	keys       uint16
}

// rereadScratch holds the record decrypted last, shared by the
// connections of one decode (an index reads one thing at a time).
type rereadScratch struct {
	ct, out []byte
	who     *tlsReread
	rec     int
	plain   []byte
}

// Sizes counted against the index's budget.
const (
	tcpSegSize   = int64(unsafe.Sizeof(tcpSeg{}))
	plainRecSize = int64(unsafe.Sizeof(plainRec{}))
	keysSize     = 512 // a direction's cipher state, about
)

// data notes that the next n TCP bytes are at src in the file.
func (rr *tlsReread) data(n int, src int64) {
	if src < 0 {
		rr.noSrc = true
	}
	if k := len(rr.tcp); k == 0 || src < 0 || rr.tcp[k-1].src < 0 || rr.tcp[k-1].src+(rr.at-rr.tcp[k-1].off) != src {
		rr.tcp = append(rr.tcp, tcpSeg{rr.at, src})
		rr.ix.Charge(tcpSegSize)
	}
	rr.at += int64(n)
}

// gap notes that the next n TCP bytes were never captured.
func (rr *tlsReread) gap(n int64) {
	rr.tcp = append(rr.tcp, tcpSeg{rr.at, -1})
	rr.ix.Charge(tcpSegSize)
	rr.at += n
}

// add keeps record r, whose plaintext starts at stream offset plain and
// decrypts with k, and reports whether its plaintext can be read again.
func (rr *tlsReread) add(r tlsdec.Record, plain int64, k tlsdec.Keys) bool {
	if rr.noSrc || k == nil || r.Length > 1<<16-1 || len(rr.keys) == 1<<16-1 {
		rr.missed = true
		return false
	}
	if n := len(rr.keys); n == 0 || rr.keys[n-1] != k {
		rr.keys = append(rr.keys, k)
		rr.ix.Charge(keysSize)
	}
	rr.recs = append(rr.recs, plainRec{plain: plain, off: r.Offset, seq: r.Seq, length: uint16(r.Length), keys: uint16(len(rr.keys) - 1)})
	rr.ix.Charge(plainRecSize)
	return true
}

// Reread implements decoder.Rereader.
func (rr *tlsReread) Reread(src io.ReaderAt, p []byte, off int64) error {
	for len(p) > 0 {
		i := sort.Search(len(rr.recs), func(i int) bool { return rr.recs[i].plain > off }) - 1
		if i < 0 {
			return fmt.Errorf("no TLS record holds plaintext byte %d", off)
		}
		plain, err := rr.open(src, i)
		if err != nil {
			return err
		}
		k := off - rr.recs[i].plain
		if k >= int64(len(plain)) {
			return fmt.Errorf("no TLS record holds plaintext byte %d: record at TCP stream offset %d has %d bytes", off, rr.recs[i].off, len(plain))
		}
		n := copy(p, plain[k:])
		p, off = p[n:], off+int64(n)
	}
	return nil
}

// open returns the plaintext of record i, read from src and decrypted again.
func (rr *tlsReread) open(src io.ReaderAt, i int) ([]byte, error) {
	sh := rr.shared
	if sh.who == rr && sh.rec == i {
		return sh.plain, nil
	}
	sh.who = nil
	r := rr.recs[i]
	n := 5 + int(r.length)
	if cap(sh.ct) < n {
		sh.ct, sh.out = make([]byte, 5+1<<16), make([]byte, 5+1<<16)
	}
	ct := sh.ct[:n]
	if err := rr.read(src, ct, r.off); err != nil {
		return nil, err
	}
	typ, plain, err := rr.keys[r.keys].Open(sh.out, r.seq, ct[:5], ct[5:])
	if err != nil || typ != 23 {
		why := "it reads as another content type"
		if err != nil {
			why = err.Error()
		}
		return nil, msg.New("index.reread", "reading the input again at byte {offset}: {err}", "offset", rr.fileOffset(r.off),
			"err", fmt.Sprintf("the TLS record at TCP stream offset %d does not decrypt again (%s): has the file changed?", r.off, why))
	}
	sh.who, sh.rec, sh.plain = rr, i, plain
	return plain, nil
}

// read fills p with the direction's TCP bytes from offset off.
func (rr *tlsReread) read(src io.ReaderAt, p []byte, off int64) error {
	i := sort.Search(len(rr.tcp), func(i int) bool { return rr.tcp[i].off > off }) - 1
	for done := 0; done < len(p); i++ {
		at := off + int64(done)
		if i < 0 || i >= len(rr.tcp) || rr.tcp[i].src < 0 {
			return fmt.Errorf("TCP stream bytes at offset %d are not in the input", at)
		}
		sg := rr.tcp[i]
		k := len(p) - done
		if i+1 < len(rr.tcp) {
			k = int(min(int64(k), rr.tcp[i+1].off-at))
		}
		from := sg.src + (at - sg.off)
		if m, err := src.ReadAt(p[done:done+k], from); m < k {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return msg.New("index.reread", "reading the input again at byte {offset}: {err}", "offset", from, "err", err.Error())
		}
		done += k
	}
	return nil
}

// fileOffset returns where TCP stream offset off is in the file, or -1.
func (rr *tlsReread) fileOffset(off int64) int64 {
	i := sort.Search(len(rr.tcp), func(i int) bool { return rr.tcp[i].off > off }) - 1
	if i < 0 || rr.tcp[i].src < 0 {
		return -1
	}
	return rr.tcp[i].src + off - rr.tcp[i].off
}
