package capture

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/json"
	"io"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tlsdec/crypt"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// wireLog records the bytes both ends of a connection write, in the
// order they write them.
type wireLog struct {
	mu    sync.Mutex
	parts []wirePart
}

type wirePart struct {
	client bool
	b      []byte
}

// loggedConn is one end of a net.Pipe whose writes go to a wireLog.
type loggedConn struct {
	net.Conn
	log    *wireLog
	client bool
}

func (c loggedConn) Write(p []byte) (int, error) {
	c.log.mu.Lock()
	c.log.parts = append(c.log.parts, wirePart{c.client, append([]byte(nil), p...)})
	c.log.mu.Unlock()
	return c.Conn.Write(p)
}

// wssCapture makes, with crypto/tls, a TLS 1.3 wss:// session in which
// the server sends n binary frames of size bytes after the upgrade, and
// returns it as a pcap with its key log and its number of packets.
func wssCapture(t testing.TB, n, size int) (pcap, keys []byte, packets int) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "example.com"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: []string{"example.com"}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	var kl bytes.Buffer
	log := &wireLog{}
	a, b := net.Pipe()
	cli := tls.Client(loggedConn{a, log, true}, &tls.Config{ServerName: "example.com", InsecureSkipVerify: true, KeyLogWriter: &kl, MinVersion: tls.VersionTLS13})
	srv := tls.Server(loggedConn{b, log, false}, &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: priv}}, MinVersion: tls.VersionTLS13})
	payload := bytes.Repeat([]byte("wss plaintext read again "), size/25+1)[:size]
	frame := decoder.Wire(&decoder.Frame{Fin: true, Opcode: decoder.OpBinary, PayloadLength: uint64(size), LengthBits: 16, HeaderLength: 4, Payload: payload}, -1)
	done := make(chan error, 1)
	go func() {
		req := make([]byte, len(decoder.SeedRequest))
		if _, err := io.ReadFull(srv, req); err != nil {
			done <- err
			return
		}
		if _, err := srv.Write([]byte(decoder.SeedResponse)); err != nil {
			done <- err
			return
		}
		for range n {
			if _, err := srv.Write(frame); err != nil {
				done <- err
				return
			}
		}
		done <- srv.Close()
	}()
	if _, err := cli.Write([]byte(decoder.SeedRequest)); err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, cli); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	c := pcapwrite.NewConv("10.0.0.1:40000", "10.0.0.2:443", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).Handshake()
	for _, p := range log.parts {
		for off := 0; off < len(p.b); off += 1448 {
			c.Send(p.client, p.b[off:min(off+1448, len(p.b))])
		}
	}
	out := pcapwrite.AppendPcapHeader(nil, binary.LittleEndian, false, pcapwrite.LinkEthernet, 65535)
	for _, p := range c.Pkts {
		out = pcapwrite.AppendPcapRecord(out, binary.LittleEndian, false, pcapwrite.Record{TS: p.TS, Data: pcapwrite.Wrap(pcapwrite.LinkEthernet, p, pcapwrite.LinkOpts{})})
	}
	return out, kl.Bytes(), len(c.Pkts)
}

// TestIndexTLSNoPlaintextCopy: the index of a wss:// capture keeps no
// copy of the plaintext, only a fixed record per TLS record: with 1×, 2×
// and 4× the frames (each over several records), nothing is stored, the
// index grows by fixed records (of frames, TLS records and TCP segments),
// far less than the plaintext,
// and the frames and messages read again are the one-pass decode's.
func TestIndexTLSNoPlaintextCopy(t *testing.T) {
	for _, n := range []int{20, 40, 80} {
		pcap, keys, packets := wssCapture(t, n, 40000) // 16-bit lengths
		opts := decoder.Options{Decrypt: crypt.TLS, KeyLog: keys}
		want := Decode(pcap, opts)
		if len(want.Frames) != n || len(want.Connections) != 1 || want.Connections[0].TLS == nil {
			t.Fatalf("%d frames: the capture decodes to %d frames, %d connections", n, len(want.Frames), len(want.Connections))
		}
		tls := want.Connections[0].TLS
		ix := decoder.NewIndex(0)
		got := DecodeIndexed(func() io.Reader { return bytes.NewReader(pcap) }, bytes.NewReader(pcap), int64(len(pcap)), opts, ix, nil)
		if err := ix.Result(got); err != nil {
			t.Fatalf("%d frames: materializing: %v", n, err)
		}
		wj, _ := json.Marshal(want)
		gj, _ := json.Marshal(got)
		if !bytes.Equal(wj, gj) {
			t.Fatalf("%d frames: the index gives another result:\n%s", n, firstDiff(wj, gj))
		}
		plain := int64(n) * 40004
		perRecord := float64(ix.Bytes()) / float64(tls.Records)
		t.Logf("%d frames, %d records, %d bytes of plaintext: index %d bytes (%.0f a record), %d stored", n, tls.Records, plain, ix.Bytes(), perRecord, ix.Stored())
		if ix.Stored() != 0 {
			t.Fatalf("%d frames: the index stores %d bytes", n, ix.Stored())
		}
		// Per stream and key a few hundred bytes, per frame its 32-byte
		// record, per TLS record 32 bytes, per TCP segment a 16-byte entry
		// of the map to the file (as for a plain stream).
		if tls.Records < 3*n || ix.Bytes() > 4096+64*int64(tls.Records+n)+16*int64(packets) || ix.Bytes() > plain/32 {
			t.Fatalf("%d frames, %d records: the index holds %d bytes for %d of plaintext", n, tls.Records, ix.Bytes(), plain)
		}
	}
}

// BenchmarkIndexTLSFrame reads the frames of a wss:// capture's index
// again, each of its 40,000 bytes decrypted again from its records.
func BenchmarkIndexTLSFrame(b *testing.B) {
	pcap, keys, _ := wssCapture(b, 20, 40000)
	opts := decoder.Options{Decrypt: crypt.TLS, KeyLog: keys}
	ix := decoder.NewIndex(0)
	DecodeIndexed(func() io.Reader { return bytes.NewReader(pcap) }, bytes.NewReader(pcap), int64(len(pcap)), opts, ix, nil)
	b.SetBytes(20 * 40004)
	for b.Loop() {
		for i := range ix.Frames() {
			if _, err := ix.Frame(i, -1); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*ix.Frames()), "ns/frame")
}
