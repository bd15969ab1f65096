package capture

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tlsdec/crypt"
)

// zeros reads as a file of zero bytes.
type zeros struct{}

func (zeros) ReadAt(p []byte, off int64) (int, error) { clear(p); return len(p), nil }

// TestIndexTLS: a wss:// capture decoded into an index gives, frame by
// frame and message by message, the result of the one-pass decode: the
// TLS records a frame came in are worked out again from where its bytes
// came in, and its decrypted bytes, which are not in the file as they are,
// are decrypted again from the records in the file: the index keeps no
// copy of them (its store stays empty, the bytes that came with the HTTP
// head included), and with the file replaced by zeros the
// frames no longer read. With keys from a key log and from a pcapng
// Decryption Secrets Block, and with a record cut by the snapshot length.
func TestIndexTLS(t *testing.T) {
	type input struct {
		name string
		b    []byte
		opts decoder.Options
	}
	var inputs []input
	for _, sc := range tlsScenarios {
		keys := readTLS(t, sc.name+".keys")
		inputs = append(inputs,
			input{sc.name + "/keylog", readTLS(t, sc.name+".pcap"), decoder.Options{Decrypt: crypt.TLS, KeyLog: keys}},
			input{sc.name + "/pcapng", readTLS(t, sc.name+".dsb.pcapng.gz"), decoder.Options{Decrypt: crypt.TLS}})
	}
	// Every fifth packet of one scenario cut short by 20 bytes: records
	// lost, frames cut by gaps.
	sc := tlsScenarios[1]
	head, recs := pcapPackets(t, readTLS(t, sc.name+".pcap"))
	for i := 4; i < len(recs); i += 5 {
		rec := append([]byte(nil), recs[i]...)
		if n := len(rec) - 16 - 20; n > 60 {
			binary.LittleEndian.PutUint32(rec[8:12], uint32(n))
			recs[i] = rec[:16+n]
		}
	}
	inputs = append(inputs, input{sc.name + "/cut", joinPcap(head, recs), decoder.Options{Decrypt: crypt.TLS, KeyLog: readTLS(t, sc.name+".keys")}})

	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			want := Decode(in.b, in.opts)
			ix := decoder.NewIndex(0)
			o := in.opts
			got := DecodeIndexed(func() io.Reader { return bytes.NewReader(in.b) }, bytes.NewReader(in.b), int64(len(in.b)), o, ix, nil)
			if err := ix.Result(got); err != nil {
				t.Fatalf("materializing: %v", err)
			}
			wj, _ := json.MarshalIndent(want, "", " ")
			gj, _ := json.MarshalIndent(got, "", " ")
			if !bytes.Equal(wj, gj) {
				t.Fatalf("the index gives another result:\n%s", firstDiff(wj, gj))
			}
			if len(want.Frames) == 0 {
				t.Fatal("no frames")
			}
			split := 0
			for _, f := range want.Frames {
				if f.Record == 0 {
					t.Fatalf("frame %d has no record", f.Index)
				}
				if f.FirstRecord != 0 {
					split++
				}
			}
			plain := 0
			for _, f := range want.Frames {
				plain += f.HeaderLength + len(f.Payload)
			}
			if ix.Stored() != 0 || plain < 200 {
				t.Fatalf("the index keeps %d bytes of %d of plaintext", ix.Stored(), plain)
			}
			ix.SetSource(zeros{})
			if _, err := ix.Frame(0, -1); err == nil {
				t.Fatal("frame 0 read with the file replaced by zeros: its bytes did not come from the file")
			}
			t.Logf("%d frames (%d over two records), %d bytes of plaintext, index %d bytes, %d stored", len(want.Frames), split, plain, ix.Bytes(), ix.Stored())
		})
	}
}
