// Command rewrite makes captures that are harder to reassemble out of real
// ones: it reads a classic pcap (Ethernet, IPv4 or IPv6, TCP) and writes it
// again with TCP data segments reordered, duplicated, or cut into
// overlapping pieces, as networks and capture points do. wsframe must read
// the same messages from the rewritten file as from the original
// (inspect/peers_test.go checks this).
//
//	go run ./testdata/peers/rewrite -mode reorder   IN.pcap OUT.pcap
//	go run ./testdata/peers/rewrite -mode duplicate IN.pcap OUT.pcap
//	go run ./testdata/peers/rewrite -mode overlap   IN.pcap OUT.pcap
//	go run ./testdata/peers/rewrite -mode drop      IN.pcap OUT.pcap
//
// reorder swaps the data segments of each direction in pairs; duplicate
// sends every data segment twice, the copy after the next packet (a
// retransmission); overlap splits every data segment of more than 8 bytes
// into two that share 4 bytes; drop leaves out the client's third data
// segment, bytes the capture never saw. Checksums are not recomputed (wsframe, like
// tshark by default, does not check them).
package main

import (
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
)

type packet struct {
	hdr  [16]byte // the pcap record header
	data []byte
}

func main() {
	mode := flag.String("mode", "reorder", "reorder, duplicate, overlap or drop")
	flag.Parse()
	if flag.NArg() != 2 {
		log.Fatal("usage: rewrite -mode reorder|duplicate|overlap|drop IN.pcap OUT.pcap")
	}
	in, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	if len(in) < 24 || binary.LittleEndian.Uint32(in) != 0xa1b2c3d4 && binary.LittleEndian.Uint32(in) != 0xa1b23c4d {
		log.Fatal("rewrite: only little-endian classic pcap files are read")
	}
	if link := binary.LittleEndian.Uint32(in[20:]); link != 1 {
		log.Fatalf("rewrite: link type %d; only Ethernet (1) is read", link)
	}
	var pkts []packet
	for off := 24; off+16 <= len(in); {
		var p packet
		copy(p.hdr[:], in[off:off+16])
		n := int(binary.LittleEndian.Uint32(in[off+8:]))
		p.data = in[off+16 : off+16+n]
		pkts = append(pkts, p)
		off += 16 + n
	}
	switch *mode {
	case "reorder":
		pkts = reorder(pkts)
	case "duplicate":
		pkts = duplicate(pkts)
	case "overlap":
		pkts = overlap(pkts)
	case "drop":
		pkts = drop(pkts)
	default:
		log.Fatalf("rewrite: unknown mode %q", *mode)
	}
	out := append([]byte(nil), in[:24]...)
	for _, p := range pkts {
		binary.LittleEndian.PutUint32(p.hdr[8:], uint32(len(p.data)))
		binary.LittleEndian.PutUint32(p.hdr[12:], uint32(len(p.data)))
		out = append(out, p.hdr[:]...)
		out = append(out, p.data...)
	}
	if err := os.WriteFile(flag.Arg(1), out, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d packets written (%s)\n", flag.Arg(1), len(pkts), *mode)
}

// tcp finds the TCP header and payload in an Ethernet frame: where the TCP
// header starts, where the payload starts, and the direction's key.
func tcp(b []byte) (th, payload int, key string, ok bool) {
	if len(b) < 14 {
		return 0, 0, "", false
	}
	ip := 14
	var l4 int
	switch binary.BigEndian.Uint16(b[12:]) {
	case 0x0800:
		if len(b) < ip+20 || b[ip+9] != 6 {
			return 0, 0, "", false
		}
		l4 = ip + int(b[ip]&0x0f)*4
		key = fmt.Sprintf("%x>%x", b[ip+12:ip+16], b[ip+16:ip+20])
	case 0x86dd:
		if len(b) < ip+40 || b[ip+6] != 6 {
			return 0, 0, "", false
		}
		l4 = ip + 40
		key = fmt.Sprintf("%x>%x", b[ip+8:ip+24], b[ip+24:ip+40])
	default:
		return 0, 0, "", false
	}
	if len(b) < l4+20 {
		return 0, 0, "", false
	}
	key += fmt.Sprintf(":%x", b[l4:l4+4])
	return l4, l4 + int(b[l4+12]>>4)*4, key, true
}

func hasData(p packet) (string, bool) {
	_, pl, key, ok := tcp(p.data)
	return key, ok && pl < len(p.data)
}

// reorder swaps the data segments of each direction in pairs, the first
// with the second, the third with the fourth, wherever they stand: each
// pair arrives out of order, sometimes after the other side's answer.
func reorder(pkts []packet) []packet {
	held := map[string]int{} // direction -> index of the first of a pair
	for i := range pkts {
		key, ok := hasData(pkts[i])
		if !ok {
			continue
		}
		if j, waiting := held[key]; waiting {
			pkts[j], pkts[i] = pkts[i], pkts[j]
			delete(held, key)
		} else {
			held[key] = i
		}
	}
	return pkts
}

// duplicate sends each data segment again after the packet that follows it.
func duplicate(pkts []packet) []packet {
	var out []packet
	var pending *packet
	for _, p := range pkts {
		out = append(out, p)
		if pending != nil {
			out = append(out, *pending)
			pending = nil
		}
		if _, ok := hasData(p); ok {
			c := p
			c.data = append([]byte(nil), p.data...)
			pending = &c
		}
	}
	if pending != nil {
		out = append(out, *pending)
	}
	return out
}

// overlap cuts each data segment longer than 8 bytes into two pieces that
// share 4 bytes: [0, n/2+4) and [n/2, n).
func overlap(pkts []packet) []packet {
	var out []packet
	for _, p := range pkts {
		th, pl, _, ok := tcp(p.data)
		n := len(p.data) - pl
		if !ok || n <= 8 {
			out = append(out, p)
			continue
		}
		cut := n / 2
		first := piece(p, th, pl, 0, cut+4)
		second := piece(p, th, pl, cut, n)
		out = append(out, first, second)
	}
	return out
}

// piece copies packet p with only payload bytes [from, to), the sequence
// number and the IP length set to match.
func piece(p packet, th, pl, from, to int) packet {
	b := append([]byte(nil), p.data[:pl]...)
	b = append(b, p.data[pl+from:pl+to]...)
	seq := binary.BigEndian.Uint32(b[th+4:])
	binary.BigEndian.PutUint32(b[th+4:], seq+uint32(from))
	if binary.BigEndian.Uint16(b[12:]) == 0x0800 {
		binary.BigEndian.PutUint16(b[16:], uint16(len(b)-14))
	} else {
		binary.BigEndian.PutUint16(b[18:], uint16(len(b)-54))
	}
	return packet{hdr: p.hdr, data: b}
}

// drop leaves out the third data segment the client sends (the client is
// the side that sent the first data segment: the upgrade request).
func drop(pkts []packet) []packet {
	client, n := "", 0
	for i, p := range pkts {
		key, ok := hasData(p)
		if !ok {
			continue
		}
		if client == "" {
			client = key
		}
		if key == client {
			if n++; n == 3 {
				return append(pkts[:i:i], pkts[i+1:]...)
			}
		}
	}
	return pkts
}
