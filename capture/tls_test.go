package capture

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tlsdec"
	"github.com/wsframe/wsframe/tlsdec/crypt"
)

// The wss:// captures of ../testdata/captures/tls were recorded on loopback
// by testdata/peers/remake-tls.sh: Node's ws over https, with Chromium (or
// Python websockets) as the client writing its key log. Each NAME.pcap comes
// with NAME.keys, NAME.dsb.pcapng.gz (the keys injected by editcap
// --inject-secrets), NAME.sent.json and NAME.tshark.json (tshark with
// -o tls.keylog_file:NAME.keys).

const tlsDir = "../testdata/captures/tls"

// tsharkPacket is one packet of tshark -T json -e ....
type tsharkPacket struct {
	Src struct {
		Layers map[string][]string `json:"layers"`
	} `json:"_source"`
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

type tlsSent struct {
	From       decoder.Side `json:"from"`
	Type       string       `json:"type"`
	DataHex    string       `json:"data_hex"`
	DataSHA256 string       `json:"data_sha256"`
	Length     int          `json:"length"`
}

// tlsScenarios lists the recorded scenarios with the version and suite each must show.
var tlsScenarios = []struct{ name, version, suite string }{
	{"t13-aes128gcm-deflate", "TLS 1.3", "TLS_AES_128_GCM_SHA256"},
	{"t13-aes256gcm", "TLS 1.3", "TLS_AES_256_GCM_SHA384"},
	{"t13-chacha20-deflate", "TLS 1.3", "TLS_CHACHA20_POLY1305_SHA256"},
	{"t12-aes128gcm-deflate", "TLS 1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
	{"t12-chacha20", "TLS 1.2", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
	{"t12-aes128cbc-sha1-deflate", "TLS 1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
	{"t12-aes128cbc-sha256-py", "TLS 1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
	{"t12-aes256cbc-sha384-py-deflate", "TLS 1.2", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
	// openssl s_client sends two KeyUpdates (the first asks the server for
	// one too); the messages after them decrypt only under the new keys.
	{"t13-keyupdate-openssl", "TLS 1.3", "TLS_AES_128_GCM_SHA256"},
}

func readTLS(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(tlsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wsConn returns the one connection that carried WebSocket frames.
func wsConn(t *testing.T, r *decoder.Result) *decoder.Connection {
	t.Helper()
	var found *decoder.Connection
	for i := range r.Connections {
		if c := &r.Connections[i]; c.Frames > 0 {
			if found != nil {
				t.Fatalf("two connections with frames: %d and %d", found.ID, c.ID)
			}
			found = c
		}
	}
	if found == nil {
		t.Fatalf("no connection with frames; connections: %+v", r.Connections)
	}
	return found
}

// TestTLSPeers decrypts every real-peer wss:// capture, once with its key
// log and once from the pcapng with the keys injected: every message
// decrypts (and inflates) to what the peers logged, and every frame is in
// the packet tshark puts it in, with tshark's FIN, RSV, opcode, length and
// masking key.
func TestTLSPeers(t *testing.T) {
	for _, sc := range tlsScenarios {
		keys := readTLS(t, sc.name+".keys")
		for _, src := range []string{"keylog", "pcapng"} {
			t.Run(sc.name+"/"+src, func(t *testing.T) {
				var r *decoder.Result
				if src == "keylog" {
					r = Decode(readTLS(t, sc.name+".pcap"), decoder.Options{Decrypt: crypt.TLS, KeyLog: keys})
				} else {
					r = Decode(readTLS(t, sc.name+".dsb.pcapng.gz"), decoder.Options{Decrypt: crypt.TLS})
				}
				if len(r.Errors) != 0 {
					t.Errorf("errors: %v", r.Errors)
				}
				c := wsConn(t, r)
				tl := c.TLS
				if tl == nil {
					t.Fatal("the connection has no tls")
				}
				if tl.Version != sc.version || tl.CipherSuite != sc.suite || !tl.Decrypted || tl.Keys != src || tl.Error != "" {
					t.Errorf("tls = %+v; want %s %s decrypted with keys from %s", tl, sc.version, sc.suite, src)
				}
				if c.Handshake == nil || !c.Handshake.AcceptValid {
					t.Errorf("the opening handshake was not read from the plaintext: %+v", c.Handshake)
				}
				// Chromium and s_client offer ALPN; in TLS 1.3 the answer is
				// in the encrypted EncryptedExtensions.
				if !strings.Contains(sc.name, "-py") && tl.ALPN != "http/1.1" {
					t.Errorf("alpn %q; want http/1.1", tl.ALPN)
				}
				if strings.Contains(sc.name, "openssl") && tl.SNI != "wsframe.test" {
					t.Errorf("sni %q; want wsframe.test", tl.SNI)
				}
				if sc.version == "TLS 1.2" && !tl.ExtendedMasterSecret {
					t.Errorf("extended_master_secret not seen; both peers use it")
				}
				checkSent(t, r, sc.name)
				checkTshark(t, r, sc.name)
				for _, f := range r.Frames {
					if f.Record == 0 || f.Packet == 0 {
						t.Errorf("frame %d has record %d, packet %d", f.Index, f.Record, f.Packet)
					}
				}
			})
		}
	}
}

// checkSent compares the messages with what the peers logged they sent.
func checkSent(t *testing.T, r *decoder.Result, name string) {
	t.Helper()
	var sent []tlsSent
	readJSON(t, filepath.Join(tlsDir, name+".sent.json"), &sent)
	want := map[decoder.Side][]string{}
	for _, m := range sent {
		if m.DataSHA256 != "" {
			want[m.From] = append(want[m.From], fmt.Sprintf("%s %d sha256:%s", m.Type, m.Length, m.DataSHA256))
		} else {
			want[m.From] = append(want[m.From], fmt.Sprintf("%s %d %s", m.Type, len(m.DataHex)/2, m.DataHex))
		}
	}
	got := map[decoder.Side][]string{}
	for _, m := range r.Messages {
		if m.Problem != "" {
			t.Errorf("message %d: %s", m.Index, m.Problem)
		}
		typ := m.OpcodeName
		if len(m.Data) > 4096 {
			sum := sha256.Sum256(m.Data)
			got[m.From] = append(got[m.From], fmt.Sprintf("%s %d sha256:%x", typ, len(m.Data), sum))
		} else {
			got[m.From] = append(got[m.From], fmt.Sprintf("%s %d %x", typ, len(m.Data), []byte(m.Data)))
		}
	}
	for _, side := range []decoder.Side{decoder.Client, decoder.Server} {
		if g, w := strings.Join(got[side], "\n"), strings.Join(want[side], "\n"); g != w {
			t.Errorf("%s messages:\n got %s\nwant %s", side, g, w)
		}
	}
}

// checkTshark compares the frames with tshark's, frame by frame.
func checkTshark(t *testing.T, r *decoder.Result, name string) {
	t.Helper()
	var packets []tsharkPacket
	readJSON(t, filepath.Join(tlsDir, name+".tshark.json"), &packets)
	var tshark []string
	for _, p := range packets {
		l := p.Src.Layers
		keys := l["websocket.masking_key"]
		ext16, ext64 := l["websocket.payload_length_ext_16"], l["websocket.payload_length_ext_64"]
		for i, op := range l["websocket.opcode"] {
			key := ""
			if l["websocket.mask"][i] == "1" {
				key, keys = keys[0], keys[1:]
			}
			n := l["websocket.payload_length"][i]
			switch n {
			case "126":
				n, ext16 = ext16[0], ext16[1:]
			case "127":
				n, ext64 = ext64[0], ext64[1:]
			}
			tshark = append(tshark, fmt.Sprintf("packet %s fin %s rsv %s opcode %s length %s key %q",
				l["frame.number"][0], l["websocket.fin"][i], l["websocket.rsv"][i], op, n, key))
		}
	}
	var mine []string
	for _, f := range r.Frames {
		rsv := 0
		for i, b := range []bool{f.Rsv1, f.Rsv2, f.Rsv3} {
			if b {
				rsv |= 4 >> i
			}
		}
		fin := 0
		if f.Fin {
			fin = 1
		}
		mine = append(mine, fmt.Sprintf("packet %d fin %d rsv 0x%02x opcode %d length %d key %q",
			f.Packet, fin, rsv, f.Opcode, f.PayloadLength, hex.EncodeToString(f.MaskKey)))
	}
	if len(tshark) == 0 {
		t.Fatal("tshark saw no frames")
	}
	if g, w := strings.Join(mine, "\n"), strings.Join(tshark, "\n"); g != w {
		t.Errorf("frames:\n%s\ntshark:\n%s", g, w)
	}
}

// pcapPackets splits a little-endian pcap file into its header and records.
func pcapPackets(t *testing.T, b []byte) (head []byte, recs [][]byte) {
	t.Helper()
	head, b = b[:24], b[24:]
	for len(b) > 0 {
		n := 16 + int(binary.LittleEndian.Uint32(b[8:12]))
		recs = append(recs, b[:n])
		b = b[n:]
	}
	return head, recs
}

func joinPcap(head []byte, recs [][]byte) []byte {
	out := append([]byte(nil), head...)
	for _, r := range recs {
		out = append(out, r...)
	}
	return out
}

// TestTLSNoKeys: without a key log every TLS connection is listed with what
// its hellos said and why it is not decrypted, and no frame is made up.
func TestTLSNoKeys(t *testing.T) {
	for _, sc := range tlsScenarios {
		r := Decode(readTLS(t, sc.name+".pcap"), decoder.Options{Decrypt: crypt.TLS})
		if len(r.Frames) != 0 || len(r.Connections) == 0 {
			t.Errorf("%s: %d frames, %d connections; want none and some", sc.name, len(r.Frames), len(r.Connections))
		}
		for _, c := range r.Connections {
			tl := c.TLS
			if tl == nil || tl.Version != sc.version || tl.CipherSuite != sc.suite || tl.Decrypted ||
				!strings.HasPrefix(tl.Error, "no key for this session") || c.Packets == 0 {
				t.Errorf("%s: connection %d: %+v (packets %d)", sc.name, c.ID, tl, c.Packets)
			}
		}
	}
}

// TestTLSKeysWithoutDecrypter: a program without the cryptography (no
// Options.Decrypt, as the page's first wasm) says which connections have
// keys, so that the page loads the decrypting part.
func TestTLSKeysWithoutDecrypter(t *testing.T) {
	sc := tlsScenarios[0]
	r := Decode(readTLS(t, sc.name+".pcap"), decoder.Options{KeyLog: readTLS(t, sc.name+".keys")})
	if r.Input.TLSKeys == 0 || len(r.Frames) != 0 {
		t.Fatalf("tls_keys %d, %d frames", r.Input.TLSKeys, len(r.Frames))
	}
	for _, c := range r.Connections {
		if c.TLS == nil || c.TLS.Keys != "keylog" || c.TLS.Error != tlsdec.NeedsDecrypter().Message || c.TLS.ErrorID != "tls.stop.no-decrypter" {
			t.Errorf("connection %d: %+v", c.ID, c.TLS)
		}
	}
}

// TestTLSWrongKeys: secrets that are not the session's give an error on
// each connection naming the record and its offset, never frames.
func TestTLSWrongKeys(t *testing.T) {
	for _, sc := range tlsScenarios {
		var wrong []string
		for _, line := range strings.Split(string(readTLS(t, sc.name+".keys")), "\n") {
			f := strings.Fields(line)
			if len(f) == 3 {
				// flip the secret's last hex digit
				s := []byte(f[2])
				s[len(s)-1] ^= 1
				line = f[0] + " " + f[1] + " " + string(s)
			}
			wrong = append(wrong, line)
		}
		r := Decode(readTLS(t, sc.name+".pcap"), decoder.Options{Decrypt: crypt.TLS, KeyLog: []byte(strings.Join(wrong, "\n"))})
		if len(r.Frames) != 0 {
			t.Errorf("%s: %d frames from wrong keys", sc.name, len(r.Frames))
		}
		for _, c := range r.Connections {
			tl := c.TLS
			if tl == nil || tl.Decrypted || !strings.Contains(tl.Error, "does not decrypt: authentication failed; the key log's key for this session is wrong") ||
				len(tl.Problems) == 0 || tl.Problems[0].Record == 0 || tl.Problems[0].Offset == 0 || tl.Problems[0].Packet == 0 {
				t.Errorf("%s: connection %d: %+v", sc.name, c.ID, tl)
			}
		}
	}
}

// TestTLSKeyLogCut: a key log cut short reports its last line, keeps the
// lines before it, and each connection says what it lacks; a TLS 1.3 log
// without the handshake secrets still decrypts the application data.
func TestTLSKeyLogCut(t *testing.T) {
	sc := tlsScenarios[1] // TLS 1.3, two sessions: the page, then the WebSocket
	keys := readTLS(t, sc.name+".keys")
	lines := strings.Split(strings.TrimSpace(string(keys)), "\n")

	// Cut in the middle of the WebSocket session's SERVER_TRAFFIC_SECRET_0
	// line (line 9): its server side cannot be decrypted, its client side can.
	if !strings.HasPrefix(lines[8], "SERVER_TRAFFIC_SECRET_0 ") {
		t.Fatalf("line 9 is %q", lines[8])
	}
	cut := strings.Join(lines[:8], "\n") + "\n" + lines[8][:100]
	r := Decode(readTLS(t, sc.name+".pcap"), decoder.Options{Decrypt: crypt.TLS, KeyLog: []byte(cut)})
	if len(r.Errors) != 1 || r.Errors[0].Error() != "key log line 9, column 90: the secret has an odd number of hex digits" || r.Errors[0].Source != "keylog" {
		t.Errorf("errors %v; want one for line 9", r.Errors)
	}
	// The server's 101 answer is not readable: the connection is listed
	// with the reason, without frames.
	found := false
	for _, c := range r.Connections {
		found = found || strings.Contains(c.TLS.Error, "the key log has no SERVER_TRAFFIC_SECRET_0 for this session")
	}
	if !found || len(r.Frames) != 0 {
		t.Errorf("connections %+v, %d frames", r.Connections, len(r.Frames))
	}

	// Without the TRAFFIC_SECRET_0 lines.
	var hs, app []string
	for _, l := range lines {
		if strings.Contains(l, "HANDSHAKE") {
			hs = append(hs, l)
		} else {
			app = append(app, l)
		}
	}
	r = Decode(readTLS(t, sc.name+".pcap"), decoder.Options{Decrypt: crypt.TLS, KeyLog: []byte(strings.Join(hs, "\n"))})
	if len(r.Frames) != 0 {
		t.Errorf("handshake secrets only: %d frames", len(r.Frames))
	}
	for _, c := range r.Connections {
		if c.TLS == nil || !strings.Contains(c.TLS.Error, "the key log has no ") || !strings.Contains(c.TLS.Error, "TRAFFIC_SECRET_0") {
			t.Errorf("handshake secrets only: connection %d: %+v", c.ID, c.TLS)
		}
	}

	// Without the handshake secrets.
	r = Decode(readTLS(t, sc.name+".pcap"), decoder.Options{Decrypt: crypt.TLS, KeyLog: []byte(strings.Join(app, "\n"))})
	checkSent(t, r, sc.name)
	checkTshark(t, r, sc.name)
}

// TestTLSSnaplen: a record cut by the snapshot length is reported on its
// connection and skipped; the records after it still decrypt.
func TestTLSSnaplen(t *testing.T) {
	sc := tlsScenarios[1]
	head, recs := pcapPackets(t, readTLS(t, sc.name+".pcap"))
	full := Decode(readTLS(t, sc.name+".pcap"), decoder.Options{Decrypt: crypt.TLS, KeyLog: readTLS(t, sc.name+".keys")})
	// A packet of the server that carries frames in exactly one record.
	var pkt int
	for _, f := range full.Frames {
		if f.From != decoder.Server || pkt != 0 {
			continue
		}
		p := recs[f.Packet-1][16:]
		ihl := int(p[14]&0x0f) * 4
		tcp := p[14+ihl:]
		payload := tcp[int(tcp[12]>>4)*4:]
		if len(payload) > 5 && payload[0] == 23 && 5+int(binary.BigEndian.Uint16(payload[3:5])) == len(payload) {
			pkt = f.Packet
		}
	}
	if pkt == 0 {
		t.Fatal("no server packet with one record")
	}
	var lost []string
	for _, f := range full.Frames {
		if f.Packet == pkt {
			lost = append(lost, fmt.Sprint(f.Opcode, f.PayloadLength))
		}
	}
	rec := append([]byte(nil), recs[pkt-1]...)
	n := len(rec) - 16 - 20 // the last 20 bytes not captured
	binary.LittleEndian.PutUint32(rec[8:12], uint32(n))
	recs[pkt-1] = rec[:16+n]
	r := Decode(joinPcap(head, recs), decoder.Options{Decrypt: crypt.TLS, KeyLog: readTLS(t, sc.name+".keys")})
	c := wsConn(t, r)
	if c.TLS.Error != "" || len(c.TLS.Problems) != 1 || !strings.Contains(c.TLS.Problems[0].Message, "were not captured (cut by the snapshot length, or lost); it cannot be decrypted") {
		t.Errorf("tls: %+v", c.TLS)
	}
	if len(r.Frames) != len(full.Frames)-len(lost) {
		t.Errorf("%d frames; want %d, all but the %d in packet %d (%v)", len(r.Frames), len(full.Frames), len(lost), pkt, lost)
	}
	for _, f := range r.Frames {
		if f.Packet == pkt {
			t.Errorf("frame %d decoded from the cut packet %d", f.Index, pkt)
		}
	}
	if len(r.Messages) == 0 || r.Messages[len(r.Messages)-1].Opcode != decoder.OpClose {
		t.Errorf("the messages after the lost record were not decoded")
	}

	// Cut a packet inside a record that the packet does not end: the
	// record after it cannot be found, which is said.
	head, recs = pcapPackets(t, readTLS(t, sc.name+".pcap"))
	big := 0
	for i, rec := range recs {
		if binary.LittleEndian.Uint32(rec[8:12]) > binary.LittleEndian.Uint32(recs[big][8:12]) {
			big = i
		}
	}
	rec = append([]byte(nil), recs[big]...)
	binary.LittleEndian.PutUint32(rec[8:12], 200)
	recs[big] = rec[:16+200]
	r = Decode(joinPcap(head, recs), decoder.Options{Decrypt: crypt.TLS, KeyLog: readTLS(t, sc.name+".keys")})
	c = wsConn(t, r)
	if !strings.Contains(c.TLS.Error, "were not captured (cut by the snapshot length, or lost); it cannot be decrypted; the bytes after it were not captured either, so the next record cannot be found") {
		t.Errorf("tls: %+v", c.TLS)
	}
}

// TestTLSMidstream: a capture that starts after the TLS handshake lists the
// connection and says why it cannot be decrypted.
func TestTLSMidstream(t *testing.T) {
	sc := tlsScenarios[1]
	head, recs := pcapPackets(t, readTLS(t, sc.name+".pcap"))
	// From the first packet in which tshark found WebSocket frames.
	var packets []tsharkPacket
	readJSON(t, filepath.Join(tlsDir, sc.name+".tshark.json"), &packets)
	var first int
	fmt.Sscan(packets[0].Src.Layers["frame.number"][0], &first)
	r := Decode(joinPcap(head, recs[first-1:]), decoder.Options{Decrypt: crypt.TLS, KeyLog: readTLS(t, sc.name+".keys")})
	if len(r.Frames) != 0 || len(r.Connections) == 0 {
		t.Fatalf("%d frames, %d connections", len(r.Frames), len(r.Connections))
	}
	for _, c := range r.Connections {
		if c.TLS == nil || !strings.HasPrefix(c.TLS.Error, "the capture starts after the TLS handshake") {
			t.Errorf("connection %d: %+v", c.ID, c.TLS)
		}
	}
}

// TestTLSBadRecord: bytes that start like a record header but are not TLS stop
// the layer with the offset at fault; nothing is decoded from them.
func TestTLSBadRecord(t *testing.T) {
	c := newConv("10.0.0.1:40000", "10.0.0.2:443").Handshake()
	hello := []byte{22, 3, 1, 0, 45, 1, 0, 0, 41, 3, 3} // a ClientHello offering TLS_AES_128_GCM_SHA256
	hello = append(hello, make([]byte, 32)...)
	hello = append(hello, 0, 0, 2, 0x13, 0x01, 1, 0)
	c.Send(true, hello)
	c.Send(true, []byte{99, 3, 3, 0, 1, 0})
	r := Decode(writePcap(le, false, linkEthernet, 65535, records(linkEthernet, c.Pkts, linkOpts{})), decoder.Options{Decrypt: crypt.TLS})
	if len(r.Connections) != 1 || r.Connections[0].TLS == nil {
		t.Fatalf("connections: %+v", r.Connections)
	}
	tl := r.Connections[0].TLS
	if !bytes.Contains([]byte(tl.Error), []byte("the bytes at TCP stream offset 50 (63 03 03 00 01) are not a TLS record header")) || len(r.Frames) != 0 {
		t.Errorf("tls: %+v", tl)
	}
}

// FuzzTLSCapture mutates real wss:// captures that carry their keys (a
// pcapng with a Decryption Secrets Block, and the TLS 1.3 KeyUpdate pcap
// with its key log): decoding never panics, and every frame belongs to a
// connection that was decrypted.
func FuzzTLSCapture(f *testing.F) {
	gz, err := os.ReadFile(filepath.Join(tlsDir, "t12-aes128cbc-sha1-deflate.dsb.pcapng.gz"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(gz, false)
	ku, err := os.ReadFile(filepath.Join(tlsDir, "t13-keyupdate-openssl.pcap"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(ku, true)
	keys, err := os.ReadFile(filepath.Join(tlsDir, "t13-keyupdate-openssl.keys"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte, withKeys bool) {
		opts := decoder.Options{Decrypt: crypt.TLS}
		if withKeys {
			opts.KeyLog = keys
		}
		r := DecodeWith(bytes.NewReader(b), int64(len(b)), opts, Limits{MaxDecompressed: 1 << 20}, nil)
		for _, fr := range r.Frames {
			c := r.Connections[*fr.Connection]
			if c.TLS != nil && !c.TLS.Decrypted {
				t.Errorf("frame %d on connection %d, which was not decrypted: %+v", fr.Index, c.ID, c.TLS)
			}
		}
	})
}
