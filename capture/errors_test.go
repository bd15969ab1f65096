package capture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/jsonenc"
)

// pcapOffsets returns the file offset of every record of a pcap file.
func pcapOffsets(b []byte, order binary.ByteOrder) []int {
	var offs []int
	for off := pcapHeaderLen; off+pcapRecordLen <= len(b); {
		offs = append(offs, off)
		off += pcapRecordLen + int(order.Uint32(b[off+8:]))
	}
	return offs
}

// blockOffsets returns the file offset of every block of a pcapng file.
func blockOffsets(b []byte, order binary.ByteOrder) []int {
	var offs []int
	for off := 0; off+8 <= len(b); {
		offs = append(offs, off)
		off += int(order.Uint32(b[off+4:]))
	}
	return offs
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

// TestErrors feeds bad and hostile files and checks each error's message
// and offset, and that what came before the bad spot was kept.
func TestErrors(t *testing.T) {
	seed := newConv("127.0.0.1:54012", "127.0.0.1:8080").Seed()
	rs := records(linkEthernet, seed.Pkts, linkOpts{})
	pcap := writePcap(le, false, linkEthernet, 65535, rs)
	po := pcapOffsets(pcap, le)
	ng := writePcapng(le, []ngIface{{Link: linkEthernet}}, rs)
	bo := blockOffsets(ng, le) // SHB, IDB, unknown, then 7 packets
	ngBE := writePcapng(be, []ngIface{{Link: linkEthernet}}, rs)

	type want struct {
		off int
		msg string
	}
	for _, tc := range []struct {
		name   string
		in     []byte
		lim    Limits
		frames int // frames still decoded
		want   []want
	}{
		{"html", []byte("<!DOCTYPE html>"), Limits{}, 0, []want{
			{0, "not a capture file: the first bytes are 3c 21 44 4f; expected a pcap or pcapng magic number"}}},
		{"empty", nil, Limits{}, 0, []want{
			{0, "not a capture file: it is empty; expected a pcap or pcapng magic number"}}},
		{"pcap header cut", pcap[:10], Limits{}, 0, []want{
			{0, "the pcap file header takes 24 bytes, but the file has only 10"}}},
		{"pcap cut in a record header", pcap[:po[6]+5], Limits{}, 1, []want{
			{po[6], fmt.Sprintf("packet 7 at byte %d: the file ends inside the record header (5 of 16 bytes); is the file cut short?", po[6])}}},
		{"pcap last record cut", pcap[:len(pcap)-10], Limits{}, 1, []want{
			{po[6], fmt.Sprintf("packet 7 at byte %d: the record says 81 bytes were captured, but only 71 remain in the file; is the file cut short?", po[6])}}},
		{"pcap record longer than any packet", func() []byte {
			b := clone(pcap)
			le.PutUint32(b[po[5]+8:], 300000)
			return b
		}(), Limits{}, 0, []want{
			{po[5], fmt.Sprintf("packet 6 at byte %d: the record says 300000 bytes were captured, more than the 262144 bytes any packet may have; the file is corrupt from here", po[5])}}},
		{"pcap record longer than the file", func() []byte {
			b := clone(pcap)
			le.PutUint32(b[po[5]+8:], 5000)
			return b
		}(), Limits{}, 0, []want{
			{po[5], fmt.Sprintf("packet 6 at byte %d: the record says 5000 bytes were captured, but only %d remain in the file; is the file cut short?", po[5], len(pcap)-po[5]-16)}}},
		{"pcap record longer than the snapshot length", writePcap(le, false, linkEthernet, 80, rs), Limits{}, 2, []want{
			{po[3], fmt.Sprintf("packet 4 at byte %d: the record says 223 bytes were captured, more than the snapshot length 80 of the file header", po[3])},
			{po[4], fmt.Sprintf("packet 5 at byte %d: the record says 195 bytes were captured, more than the snapshot length 80 of the file header", po[4])},
			{po[6], fmt.Sprintf("packet 7 at byte %d: the record says 81 bytes were captured, more than the snapshot length 80 of the file header", po[6])}}},
		{"pcap unsupported link type", writePcap(le, false, 147, 65535, rs), Limits{}, 0, []want{
			{20, "unsupported link type 147 on interface 0 (packets skipped: 7)"}}},
		{"pcapng cut in a block header", ng[:bo[9]+6], Limits{}, 1, []want{
			{bo[9], fmt.Sprintf("block 10 at byte %d: the file ends inside the block header (6 of 8 bytes); is the file cut short?", bo[9])}}},
		{"pcapng last block cut", ng[:len(ng)-4], Limits{}, 1, []want{
			{bo[9], fmt.Sprintf("block 10 at byte %d: its length is 116, but only 112 bytes remain in the file; is the file cut short?", bo[9])}}},
		{"pcapng trailer differs", func() []byte {
			b := clone(ngBE)
			be.PutUint32(b[bo[9]-4:], 4)
			return b
		}(), Limits{}, 0, []want{
			{bo[9] - 4, fmt.Sprintf("block 9 at byte %d: its length is 112 at the start but 4 in the trailer copy at byte %d; the file is corrupt from here", bo[8], bo[9]-4)}}},
		{"pcapng block length too small", func() []byte {
			b := clone(ng)
			le.PutUint32(b[bo[8]+4:], 8)
			return b
		}(), Limits{}, 0, []want{
			{bo[8], fmt.Sprintf("block 9 at byte %d: its length is 8, less than the 12 bytes of an empty block; the file is corrupt from here", bo[8])}}},
		{"pcapng block length not a multiple of 4", func() []byte {
			b := clone(ng)
			le.PutUint32(b[bo[8]+4:], 113)
			return b
		}(), Limits{}, 0, []want{
			{bo[8], fmt.Sprintf("block 9 at byte %d: its length 113 is not a multiple of 4; the file is corrupt from here", bo[8])}}},
		{"pcapng block longer than any block", func() []byte {
			b := clone(ng)
			le.PutUint32(b[bo[8]+4:], 0xfffffff0)
			return b
		}(), Limits{}, 0, []want{
			{bo[8], fmt.Sprintf("block 9 at byte %d: its length 4294967280 is more than the 16777216 bytes any block may have; the file is corrupt from here", bo[8])}}},
		{"pcapng block longer than the file", func() []byte {
			b := clone(ng)
			le.PutUint32(b[bo[8]+4:], 4000)
			return b
		}(), Limits{}, 0, []want{
			{bo[8], fmt.Sprintf("block 9 at byte %d: its length is 4000, but only %d bytes remain in the file; is the file cut short?", bo[8], len(ng)-bo[8])}}},
		{"pcapng byte-order magic", func() []byte {
			b := clone(ng)
			copy(b[8:], []byte{1, 2, 3, 4})
			return b
		}(), Limits{}, 0, []want{
			{8, "block 1 at byte 0: the section header's byte-order magic is 01 02 03 04; expected 1a 2b 3c 4d in either byte order"}}},
		{"pcapng packet names a missing interface", func() []byte {
			b := clone(ng)
			le.PutUint32(b[bo[9]+8:], 3)
			return b
		}(), Limits{}, 1, []want{
			{bo[9], fmt.Sprintf("packet 7 (block 10 at byte %d): it names interface 3, but the section describes 1 interface(s)", bo[9])}}},
		{"pcapng packet longer than its block", func() []byte {
			b := clone(ng)
			le.PutUint32(b[bo[9]+20:], 500)
			return b
		}(), Limits{}, 1, []want{
			{bo[9], fmt.Sprintf("packet 7 (block 10 at byte %d): the block says 500 bytes were captured, but it holds only 84", bo[9])}}},
		{"pcapng unsupported link type", writePcapng(le, []ngIface{{Link: linkEthernet}, {Link: 147}}, shiftIface(clone2(rs), 1)), Limits{}, 0, []want{
			{bo[2], "unsupported link type 147 on interface 1 (packets skipped: 7)"}}},
		{"pcapng timestamp past the year 9999", func() []byte {
			b := clone(ng)
			le.PutUint32(b[bo[9]+12:], 0xffffffff) // the high word of packet 7's microseconds
			return b
		}(), Limits{}, 2, []want{
			{bo[9], fmt.Sprintf("packet 7 (block 10 at byte %d): its timestamp reads as the year 586524, outside 0 to 9999; the packet is read without a time", bo[9])}}},
		{"gzip past the limit", gzipped(pcap), Limits{MaxDecompressed: int64(po[5])}, 0, []want{
			{po[5], fmt.Sprintf("reading stopped at byte %d: the compressed capture inflates to more than %d bytes, the limit (Limits.MaxDecompressed); what came before was read", po[5], po[5])}}},
		{"gzip past the limit inside a record", gzipped(pcap), Limits{MaxDecompressed: int64(po[5] + 7)}, 0, []want{
			{po[5] + 7, fmt.Sprintf("reading stopped at byte %d: the compressed capture inflates to more than %d bytes, the limit (Limits.MaxDecompressed); what came before was read", po[5]+7, po[5]+7)}}},
		{"gzip corrupt", func() []byte {
			b := gzipped(pcap)
			b[len(b)-6] ^= 0xff // the checksum
			return b
		}(), Limits{}, 2, []want{
			{len(pcap), fmt.Sprintf("reading stopped at byte %d: the gzip stream is corrupt: gzip: invalid checksum", len(pcap))}}},
		{"gzip header", []byte{0x1f, 0x8b, 0, 0, 0}, Limits{}, 0, []want{
			{0, "the file starts like gzip but is not readable as gzip: unexpected EOF"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := DecodeWith(bytes.NewReader(tc.in), int64(len(tc.in)), decoder.Options{}, tc.lim, nil)
			var got []want
			for _, e := range r.Errors {
				got = append(got, want{int(e.Offset), e.Message})
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tc.want) {
				t.Errorf("errors\n%+v\nwant\n%+v", got, tc.want)
			}
			if _, err := jsonenc.Marshal(r); err != nil {
				t.Errorf("the result does not encode as JSON: %v", err)
			}
			if len(r.Frames) != tc.frames {
				t.Errorf("%d frames, want %d", len(r.Frames), tc.frames)
			}
			if !bytes.HasPrefix(tc.in, []byte{0x1f, 0x8b}) {
				if m := Decode(tc.in, decoder.Options{}); tc.lim == (Limits{}) && fmt.Sprint(m.Errors) != fmt.Sprint(r.Errors) {
					t.Errorf("Decode gave other errors: %v", m.Errors)
				}
			}
		})
	}
}

func clone2(rs []record) []record { return append([]record(nil), rs...) }

// TestTruncatedReports reports the first packets cut by the snapshot
// length one by one and sums up the rest.
func TestTruncatedReports(t *testing.T) {
	c := newConv("127.0.0.1:54012", "127.0.0.1:8080").Handshake()
	for range 30 {
		c.Send(false, bytes.Repeat([]byte("x"), 200))
	}
	b := writePcap(le, false, linkEthernet, 100, snap(records(linkEthernet, c.Pkts, linkOpts{}), 100))
	r := Decode(b, decoder.Options{})
	if len(r.Errors) != maxTruncatedReports+1 {
		t.Fatalf("%d errors, want %d", len(r.Errors), maxTruncatedReports+1)
	}
	if got, want := r.Errors[maxTruncatedReports].Message, "20 more packets were cut by the snapshot length; their missing bytes are taken as gaps"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
