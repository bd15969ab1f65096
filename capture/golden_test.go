package capture

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/internal/golden"
)

// goldenCaptures are the synthetic captures kept in testdata, by file name.
// They are remade with -update; each has a NAME.json holding its result.
func goldenCaptures() map[string][]byte {
	files := map[string][]byte{}
	seed4 := newConv("127.0.0.1:54012", "127.0.0.1:8080").Seed()
	seed6 := newConv("[::1]:54012", "[::1]:8080")
	seed6.ExtHeaders = true
	seed6.Seed()
	eth := records(linkEthernet, seed4.Pkts, linkOpts{})
	files["seed.pcap"] = writePcap(le, false, linkEthernet, 262144, eth)
	files["seed-ipv6-sll-be-nsec.pcap"] = writePcap(be, true, linkSLL, 262144, records(linkSLL, seed6.Pkts, linkOpts{}))
	files["seed-vlan.pcapng"] = writePcapng(le, []ngIface{{Link: linkEthernet, Tsresol: 9}},
		records(linkEthernet, seed4.Pkts, linkOpts{VLAN: []uint16{etherQinQ, etherVLAN}}))
	files["seed.pcapng.gz"] = gzipped(writePcapng(be, []ngIface{{Link: linkEthernet}}, eth))

	// Two sections of opposite byte orders; SLL2, then BSD loopback.
	rs1 := records(linkSLL2, seed4.Pkts[:4], linkOpts{})
	rs2 := records(linkNull, seed4.Pkts[4:], linkOpts{})
	rs2[0].Block = blockOPB
	files["sections.pcapng"] = append(writePcapng(be, []ngIface{{Link: linkSLL2}}, rs1),
		writePcapng(le, []ngIface{{Link: 147}, {Link: linkNull, Tsresol: 0x80 | 10}}, shiftIface(rs2, 1))...)

	// No handshake: the capture starts with frames.
	mid := newConv("10.1.1.1:61000", "10.1.1.2:443")
	mid.Send(false, seedServerFrame).Send(true, seedClientFrame)
	mid.Send(true, unhex("8882aabbccdda953")) // close 1000, masked
	files["midstream.pcap"] = writePcap(le, false, linkRaw, 65535, records(linkRaw, mid.Pkts, linkOpts{}))

	// Reordered, retransmitted, wrapping and with a segment lost.
	re := newConv("127.0.0.1:54012", "127.0.0.1:8080")
	re.Sseq = 0xfffffff0
	re.Handshake().Send(true, []byte(seedRequest)).Send(false, []byte(seedResponse))
	s := re.Sseq
	re.Add(false, s+7, tcpACK, seedServerFrame[7:])
	re.Add(false, s, tcpACK, seedServerFrame[:7])
	re.Add(false, s+7, tcpACK, []byte("XXXXXXX")) // retransmission, other bytes
	re.Sseq += uint32(len(seedServerFrame))
	re.Sseq += uint32(len(seedServerFrame)) // lost
	re.Send(false, seedServerFrame)
	files["reorder-gap.pcap"] = writePcap(le, false, linkEthernet, 65535, records(linkEthernet, re.Pkts, linkOpts{}))

	// Cut by a snapshot length of 120 bytes.
	files["snaplen.pcap"] = writePcap(le, false, linkEthernet, 120, snap(records(linkEthernet, seed4.Pkts, linkOpts{}), 120))
	return files
}

func shiftIface(rs []record, i int) []record {
	for k := range rs {
		rs[k].Iface = i
	}
	return rs
}

// TestGolden decodes each capture in testdata and compares what this package
// is responsible for (see view) with NAME.json. Real-peer captures copied
// into testdata are read the same way.
func TestGolden(t *testing.T) {
	if *golden.Update {
		for name, b := range goldenCaptures() {
			if err := os.WriteFile(filepath.Join("testdata", name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	names, _ := filepath.Glob("testdata/*")
	n := 0
	for _, path := range names {
		if strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".md") || isDir(path) {
			continue
		}
		n++
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(viewOf(Decode(b, decoder.Options{})), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, strings.TrimSuffix(path, ".gz")+".json", got)
		})
	}
	if n == 0 {
		t.Fatal("no captures in testdata")
	}
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// view is the part of a result this package answers for: the input, the
// connections, where each frame was found and its header, and the errors.
// Handshake checks, violations and messages are the decoder's, and are
// left out so that its changes do not rewrite these files.
type view struct {
	Input       decoder.Input   `json:"input"`
	Connections []viewConn      `json:"connections"`
	Frames      []viewFrame     `json:"frames"`
	Errors      []decoder.Error `json:"errors"`
}

type viewConn struct {
	Client    string        `json:"client"`
	Server    string        `json:"server"`
	Handshake bool          `json:"handshake"`
	MidStream bool          `json:"mid_stream"`
	Gaps      []decoder.Gap `json:"gaps"`
	Packets   int           `json:"packets"`
}

type viewFrame struct {
	Connection    int          `json:"connection"`
	From          decoder.Side `json:"from"`
	Offset        int64        `json:"offset"`
	Packet        int          `json:"packet"`
	Time          string       `json:"time"`
	Opcode        int          `json:"opcode"`
	Fin           bool         `json:"fin"`
	Masked        bool         `json:"masked"`
	MaskKey       decoder.Hex  `json:"mask_key"`
	PayloadLength uint64       `json:"payload_length"`
	Payload       decoder.Hex  `json:"payload"`
	Missing       uint64       `json:"missing"`
}

func viewOf(r *decoder.Result) view {
	v := view{Input: r.Input, Connections: []viewConn{}, Frames: []viewFrame{}, Errors: r.Errors}
	for _, c := range r.Connections {
		v.Connections = append(v.Connections, viewConn{c.Client, c.Server, c.Handshake != nil, c.MidStream, c.Gaps, c.Packets})
	}
	for _, f := range r.Frames {
		vf := viewFrame{From: f.From, Offset: f.Offset, Packet: f.Packet, Opcode: int(f.Opcode), Fin: f.Fin, Masked: f.Masked,
			MaskKey: f.MaskKey, PayloadLength: f.PayloadLength, Payload: f.Payload, Missing: f.Missing}
		if f.Connection != nil {
			vf.Connection = *f.Connection
		}
		if f.Time != nil {
			vf.Time = f.Time.Time().Format(time.RFC3339Nano)
		}
		v.Frames = append(v.Frames, vf)
	}
	return v
}
