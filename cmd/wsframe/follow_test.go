package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFollowTcpdump runs the pipe the README shows, for real, on loopback:
// tcpdump -U -w - | wsframe -follow -, with a Python websockets server and
// client as the peers. The client's message (and its echo) must be
// printed while the connection is still open: the client closes only
// once the test has seen the line; the same capture fed at once to
// wsframe -follow -jsonl must write the connection and the message's object
// in that time too. Then Ctrl-C (SIGINT) must print the stats so far.
// Everything is bounded by one deadline.
func TestFollowTcpdump(t *testing.T) {
	tcpdump := need(t, "tcpdump")
	py := "/usr/bin/python3" // Debian's, which has python3-websockets
	if out, err := exec.Command(py, "-c", "import websockets").CombinedOutput(); err != nil {
		t.Fatalf("the -follow test needs Debian's python3-websockets (apt-get install python3-websockets): %v: %s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "wsframe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// The server, on a port of its choosing.
	portFile := filepath.Join(dir, "port")
	srv := exec.CommandContext(ctx, py, "testdata/follow_peers.py", "server", portFile)
	srv.Stderr = os.Stderr
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()
	var port string
	for port == "" {
		if b, err := os.ReadFile(portFile); err == nil {
			port = string(b)
		} else if ctx.Err() != nil {
			t.Fatal("the websockets server did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}

	// tcpdump | wsframe -follow -
	dump := exec.CommandContext(ctx, tcpdump, "-U", "-i", "lo", "-w", "-", "tcp", "port", port)
	dumpErr, _ := dump.StderrPipe()
	ws := exec.CommandContext(ctx, bin, "-follow", "-color", "never", "-")
	pipe, err := dump.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	// tcpdump's output goes to two commands: the live view, and JSON
	// Lines with -follow.
	wsIn, _ := ws.StdinPipe()
	jl := exec.CommandContext(ctx, bin, "-follow", "-jsonl", "-")
	jlIn, _ := jl.StdinPipe()
	jlOut, _ := jl.StdoutPipe()
	jl.Stderr = os.Stderr
	go func() {
		io.Copy(io.MultiWriter(wsIn, jlIn), pipe)
		wsIn.Close()
		jlIn.Close()
	}()
	wsOut, _ := ws.StdoutPipe()
	var wsErr bytes.Buffer
	ws.Stderr = &wsErr
	if err := dump.Start(); err != nil {
		t.Fatalf("tcpdump cannot start: %v", err)
	}
	defer dump.Process.Kill()
	if err := ws.Start(); err != nil {
		t.Fatal(err)
	}
	defer ws.Process.Kill()
	if err := jl.Start(); err != nil {
		t.Fatal(err)
	}
	defer jl.Process.Kill()
	objects := make(chan map[string]any, 100)
	go func() {
		sc := bufio.NewScanner(jlOut)
		for sc.Scan() {
			var o map[string]any
			if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
				t.Errorf("-follow -jsonl wrote a line that is not JSON: %v: %q", err, sc.Text())
				continue
			}
			objects <- o
		}
		close(objects)
	}()
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(dumpErr)
		var all strings.Builder
		for sc.Scan() {
			all.WriteString(sc.Text() + "\n")
			if strings.Contains(sc.Text(), "listening on") {
				listening <- ""
			}
		}
		listening <- all.String()
	}()
	if msg := <-listening; msg != "" {
		t.Fatalf("tcpdump cannot capture on lo here (it needs CAP_NET_RAW): %s", msg)
	}

	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(wsOut)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	want := "hello from the follow test"
	cli := exec.CommandContext(ctx, py, "testdata/follow_peers.py", "client", port, want)
	cliIn, _ := cli.StdinPipe()
	cliOut, _ := cli.StdoutPipe()
	cli.Stderr = os.Stderr
	if err := cli.Start(); err != nil {
		t.Fatal(err)
	}
	defer cli.Process.Kill()
	echoed, _ := bufio.NewReader(cliOut).ReadString('\n')
	if strings.TrimSpace(echoed) != "echoed" {
		t.Fatalf("the client says %q, want echoed", echoed)
	}

	// The client holds the connection open: the message lines must come
	// now, before any close.
	var seen []string
	wait := func(what func(string) bool) string {
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("wsframe -follow ended; it printed:\n%s\nstderr: %s", strings.Join(seen, "\n"), wsErr.String())
				}
				seen = append(seen, l)
				if what(l) {
					return l
				}
			case <-ctx.Done():
				t.Fatalf("timed out; wsframe -follow printed:\n%s\nstderr: %s", strings.Join(seen, "\n"), wsErr.String())
			}
		}
	}
	wait(func(l string) bool { return strings.HasPrefix(l, "connection 0:") })
	m := wait(func(l string) bool { return strings.Contains(l, "client → server text") && strings.Contains(l, want) })
	wait(func(l string) bool { return strings.Contains(l, "server → client text") && strings.Contains(l, want) })
	for _, l := range seen {
		if strings.Contains(l, "close") {
			t.Fatalf("a close was printed before the client closed: %q", l)
		}
	}
	t.Logf("printed while the connection was open: %s", m)
	// And as JSON Lines: the connection, then the message with its text.
	var kinds []string
	for got := false; !got; {
		select {
		case o, ok := <-objects:
			if !ok {
				t.Fatalf("wsframe -follow -jsonl ended after %v", kinds)
			}
			kind, _ := o["kind"].(string)
			kinds = append(kinds, kind)
			if kind == "message" && o["text"] == want {
				got = true
			}
			if kind == "frame" && o["opcode"] == float64(8) {
				t.Fatalf("-jsonl wrote a close frame before the client closed: %v", kinds)
			}
		case <-ctx.Done():
			t.Fatalf("timed out; wsframe -follow -jsonl wrote %v", kinds)
		}
	}
	if kinds[0] != "connection" {
		t.Errorf("-jsonl wrote %v; the connection comes first", kinds)
	}

	// Now the close, which must follow as it happens.
	io.WriteString(cliIn, "close\n")
	if err := cli.Wait(); err != nil {
		t.Fatalf("client: %v", err)
	}
	wait(func(l string) bool { return strings.Contains(l, "client → server close") })

	// Ctrl-C: the stats so far.
	ws.Process.Signal(syscall.SIGINT)
	wait(func(l string) bool { return strings.HasPrefix(l, "interrupted") })
	wait(func(l string) bool { return strings.HasPrefix(l, "frames:") })
	if err := ws.Wait(); err != nil {
		t.Fatalf("wsframe after SIGINT: %v (stderr %s)", err, wsErr.String())
	}
}

// need returns the path of a program the test needs, or fails saying so.
func need(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("this test needs %s (apt-get install %s): %v", name, name, err)
	}
	return p
}

// TestFollowFile: the issue's own case, a capture written in two halves
// seconds apart, read by wsframe -follow FILE as it grows (as tail -f):
// the first half's frames are printed before the second half is written,
// then the rest as it comes; Ctrl-C ends it with the stats so far.
func TestFollowFile(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "wsframe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	capture, err := os.ReadFile("../../testdata/captures/h-socketio-node-lo4.pcap")
	if err != nil {
		t.Fatal(err)
	}
	half := len(capture) / 2
	file := filepath.Join(dir, "growing.pcap")
	if err := os.WriteFile(file, capture[:half], 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, bin, "-follow", "-color", "never", file)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 200)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var seen []string
	wait := func(what func(string) bool) {
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("wsframe -follow ended; it printed:\n%s", strings.Join(seen, "\n"))
				}
				seen = append(seen, l)
				if what(l) {
					return
				}
			case <-ctx.Done():
				t.Fatalf("timed out; wsframe -follow printed:\n%s", strings.Join(seen, "\n"))
			}
		}
	}
	// The first half holds the handshake and the first messages.
	wait(func(l string) bool { return strings.Contains(l, "#0 ") })
	for _, l := range seen {
		if strings.Contains(l, "close") {
			t.Fatalf("a close frame was printed from the first half: %q", l)
		}
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(capture[half:])
	f.Close()
	wait(func(l string) bool { return strings.Contains(l, "server → client close") })
	cmd.Process.Signal(syscall.SIGINT)
	wait(func(l string) bool { return strings.HasPrefix(l, "frames:") && strings.Contains(l, "frames:      23 ") })
	if err := cmd.Wait(); err != nil {
		t.Fatalf("wsframe after SIGINT: %v", err)
	}
}
