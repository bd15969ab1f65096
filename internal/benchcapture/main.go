// Command benchcapture measures capture decoding on a large generated
// capture: wsframe's native decode beside tshark's WebSocket dissection of
// the same file, in the same run. `make bench-capture` runs it and then the
// browser benchmark (e2e/bench-capture.mjs) on the same file.
//
//	go run ./internal/benchcapture -mb 120 -out /tmp/wsframe-bench.pcap
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/wsframe/wsframe/capture"
	"github.com/wsframe/wsframe/decoder"
)

func main() {
	mb := flag.Int("mb", 120, "size of the generated capture in megabytes")
	out := flag.String("out", "/tmp/wsframe-bench.pcap", "where to write it")
	runs := flag.Int("runs", 3, "native decodes to time (the best is reported)")
	statsOnly := flag.Bool("stats-only", false, "time only `wsframe -stats` (whole process, with its peak RSS), e.g. on a 1 GB capture")
	flag.Parse()

	data, frames := generate(*mb << 20)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatal(err)
	}
	size := float64(len(data)) / 1e6
	fmt.Printf("capture: %s, %.1f MB, %d WebSocket frames\n", *out, size, frames)
	data = nil
	cmdTime := commandStats(*out, size, frames)
	if *statsOnly {
		return
	}
	data, _ = os.ReadFile(*out)

	best := time.Duration(1 << 62)
	for range *runs {
		start := time.Now()
		r := capture.Decode(data, decoder.Options{})
		d := time.Since(start)
		if len(r.Frames) != frames || len(r.Errors) > 0 {
			log.Fatalf("decoded %d frames, errors %v; want %d", len(r.Frames), r.Errors, frames)
		}
		best = min(best, d)
	}
	fmt.Printf("wsframe (native, in memory): %8.2f s  %7.1f MB/s\n", best.Seconds(), size/best.Seconds())

	if _, err := exec.LookPath("tshark"); err != nil {
		fmt.Println("tshark: not installed (apt-get install tshark) — no comparison")
		return
	}
	start := time.Now()
	cmd := exec.Command("tshark", "-n", "-r", *out, "-Y", "websocket", "-T", "fields", "-e", "websocket.opcode")
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		log.Fatalf("tshark: %v", err)
	}
	d := time.Since(start)
	n := 0
	for _, line := range strings.Split(stdout.String(), "\n") {
		if line != "" {
			n += strings.Count(line, ",") + 1
		}
	}
	fmt.Printf("tshark (-Y websocket):       %8.2f s  %7.1f MB/s  (%d frames)\n", d.Seconds(), size/d.Seconds(), n)
	fmt.Printf("wsframe -stats is %.1f times as fast as tshark -Y websocket (whole processes)\n", d.Seconds()/cmdTime.Seconds())
}

// vmHWM reads the peak resident memory from a /proc/PID/status file, in
// bytes (0 when it cannot be read).
func vmHWM(status string) int64 {
	b, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

// commandStats builds the command and times `wsframe -stats` on file as a
// whole process, the way a user runs it, with its peak resident memory.
func commandStats(file string, size float64, frames int) time.Duration {
	bin := filepath.Join(os.TempDir(), "wsframe-bench-cmd")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/wsframe").CombinedOutput(); err != nil {
		log.Fatalf("go build: %v\n%s", err, b)
	}
	best, rss := time.Duration(1<<62), int64(0)
	for range 2 {
		cmd := exec.Command(bin, "-stats", file)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		start := time.Now()
		if err := cmd.Start(); err != nil {
			log.Fatalf("wsframe -stats: %v", err)
		}
		// The peak resident memory of the process (VmHWM, which starts
		// afresh at exec; rusage's maxrss would count this parent's
		// memory, shared until the exec).
		done := make(chan error)
		go func() { done <- cmd.Wait() }()
		status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	wait:
		for {
			select {
			case err := <-done:
				if err != nil {
					log.Fatalf("wsframe -stats: %v", err)
				}
				break wait
			case <-time.After(10 * time.Millisecond):
				rss = max(rss, vmHWM(status))
			}
		}
		best = min(best, time.Since(start))
		if !strings.Contains(stdout.String(), fmt.Sprintf("frames:      %d ", frames)) {
			log.Fatalf("wsframe -stats does not count %d frames:\n%s", frames, stdout.String())
		}
	}
	fmt.Printf("wsframe -stats (whole process): %6.2f s  %7.1f MB/s  peak RSS %.1f MiB\n", best.Seconds(), size/best.Seconds(), float64(rss)/(1<<20))
	return best
}

// generate writes a pcap of about size bytes: connections with a handshake
// each, then 1 KB binary frames both ways (the client's masked), in
// 1448-byte TCP segments, the connections interleaved.
func generate(size int) ([]byte, int) {
	const conns, frameSize, mss = 64, 1024, 1448
	w := &pcapWriter{}
	w.header()
	payload := bytes.Repeat([]byte("wsframe benchmark payload 0123456789 "), frameSize/37+1)[:frameSize]
	client := make([]byte, 0, 1<<20)
	server := make([]byte, 0, 1<<20)
	cs := make([]*tcpConn, conns)
	for i := range cs {
		cs[i] = &tcpConn{cport: uint16(40000 + i), cip: [4]byte{10, 0, byte(i >> 8), byte(i + 1)}, sseq: 1 << 31}
		w.packet(cs[i], true, []byte("GET /bench HTTP/1.1\r\nHost: bench\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"))
		w.packet(cs[i], false, []byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"+
			"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"))
	}
	frames := 0
	for len(w.buf) < size {
		// One round: each connection sends 16 frames each way.
		client, server = client[:0], server[:0]
		for range 16 {
			client = append(client, 0x82, 0x80|126, byte(frameSize>>8), byte(frameSize&0xff), 0x95, 0x39, 0xff, 0xdd)
			start := len(client)
			client = append(client, payload...)
			decoder.Mask(client[start:], client[start:], [4]byte{0x95, 0x39, 0xff, 0xdd}, 0)
			server = append(server, 0x82, 126, byte(frameSize>>8), byte(frameSize&0xff))
			server = append(server, payload...)
		}
		for off := 0; off < len(client); off += mss {
			for _, c := range cs {
				w.packet(c, true, client[off:min(off+mss, len(client))])
				w.packet(c, false, server[off:min(off+mss, len(server))])
			}
		}
		frames += 32 * conns
	}
	return w.buf, frames
}

type tcpConn struct {
	cip        [4]byte
	cport      uint16
	cseq, sseq uint32
}

// pcapWriter writes a classic pcap of Ethernet, IPv4 and TCP packets.
type pcapWriter struct {
	buf []byte
	n   uint32
}

func (w *pcapWriter) header() {
	w.buf = binary.LittleEndian.AppendUint32(w.buf, 0xa1b2c3d4)
	w.buf = binary.LittleEndian.AppendUint16(w.buf, 2)
	w.buf = binary.LittleEndian.AppendUint16(w.buf, 4)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, 0)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, 0)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, 65535)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, 1) // Ethernet
}

func (w *pcapWriter) packet(c *tcpConn, fromClient bool, payload []byte) {
	w.n++
	srcIP, dstIP := c.cip, [4]byte{10, 9, 9, 9}
	srcPort, dstPort := c.cport, uint16(8080)
	seq, ack := &c.cseq, c.sseq
	if !fromClient {
		srcIP, dstIP, srcPort, dstPort = dstIP, srcIP, dstPort, srcPort
		seq, ack = &c.sseq, c.cseq
	}
	total := 14 + 20 + 20 + len(payload)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, 1_700_000_000+w.n/100000)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, w.n%100000*10)
	w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(total))
	w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(total))
	w.buf = append(w.buf, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00)
	ip := len(w.buf)
	w.buf = append(w.buf, 0x45, 0)
	w.buf = binary.BigEndian.AppendUint16(w.buf, uint16(40+len(payload)))
	w.buf = append(w.buf, 0, 0, 0x40, 0, 64, 6, 0, 0)
	w.buf = append(w.buf, srcIP[:]...)
	w.buf = append(w.buf, dstIP[:]...)
	var sum uint32
	for i := ip; i < ip+20; i += 2 {
		sum += uint32(binary.BigEndian.Uint16(w.buf[i:]))
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(w.buf[ip+10:], ^uint16(sum))
	w.buf = binary.BigEndian.AppendUint16(w.buf, srcPort)
	w.buf = binary.BigEndian.AppendUint16(w.buf, dstPort)
	w.buf = binary.BigEndian.AppendUint32(w.buf, *seq)
	w.buf = binary.BigEndian.AppendUint32(w.buf, ack)
	w.buf = append(w.buf, 0x50, 0x18, 0xff, 0xff, 0, 0, 0, 0) // ACK PSH; checksum left 0
	w.buf = append(w.buf, payload...)
	*seq += uint32(len(payload))
}
