// Command gopeer is scenario d's server: github.com/gorilla/websocket without
// compression. It sends a text message in explicit fragments (a NextWriter over a
// 32-byte write buffer, so every 32 bytes become one frame) with pings written between
// the fragments, binary frames of 125, 126, 65535 and 65536 bytes (7-, 16- and 64-bit
// length encodings), then "your turn". When the client says "done" it closes with
// 4000 "custom".
//
// usage: gopeer PORT SERVER_LOG
//
// It is its own module, so the main wsframe module does not depend on gorilla.
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

type entry struct {
	From        string `json:"from"`
	Conn        int    `json:"conn"`
	Type        string `json:"type"`
	DataHex     string `json:"data_hex"`
	Text        string `json:"text,omitempty"`
	CloseCode   int    `json:"close_code,omitempty"`
	CloseReason string `json:"close_reason,omitempty"`
	Fragments   []int  `json:"fragments,omitempty"`
	TNs         int64  `json:"t_ns"`
}

type sentLog struct {
	mu      sync.Mutex
	path    string
	entries []entry
}

func (l *sentLog) add(e entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e.From = "server"
	e.TNs = time.Now().UnixNano()
	l.entries = append(l.entries, e)
	b, err := json.MarshalIndent(l.entries, "", " ")
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(l.path, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
}

func pattern(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*31 + n)
	}
	return b
}

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: gopeer PORT SERVER_LOG")
	}
	port, _ := strconv.Atoi(os.Args[1])
	sl := &sentLog{path: os.Args[2]}
	if err := os.WriteFile(sl.path, []byte("[]\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	time.AfterFunc(30*time.Second, func() { log.Print("gopeer: timeout"); os.Exit(3) })

	up := websocket.Upgrader{
		ReadBufferSize:    4096,
		WriteBufferSize:   32,
		EnableCompression: false,
		CheckOrigin:       func(*http.Request) bool { return true },
	}
	done := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			log.Print(err)
			return
		}
		defer close(done)
		defer c.Close()
		if err := serve(c, sl); err != nil {
			log.Print("serve: ", err)
		}
	})
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("gopeer listening on %d", port)
	go http.Serve(ln, mux)
	<-done
	time.Sleep(200 * time.Millisecond)
}

func serve(c *websocket.Conn, sl *sentLog) error {
	c.SetPingHandler(func(data string) error {
		sl.add(entry{Type: "pong", DataHex: hex.EncodeToString([]byte(data))})
		return c.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(5*time.Second))
	})
	closeSent := false
	c.SetCloseHandler(func(code int, text string) error {
		if closeSent {
			return nil // the client's answer to our close: nothing more to send
		}
		msg := websocket.FormatCloseMessage(code, "")
		sl.add(entry{Type: "close", DataHex: hex.EncodeToString(msg), CloseCode: code})
		return c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(5*time.Second))
	})

	// A fragmented text message: 32-byte chunks fill the 32-byte write buffer; each chunk
	// is flushed as one frame when the next Write needs room, so the ping written after
	// chunk k goes out before fragment k.
	chunks := []string{
		"gorilla fragment 1 of 4, 32 byte",
		"gorilla fragment 2 of 4, 32 byte",
		"gorilla fragment 3 of 4, 32 byte",
		"gorilla fragment 4 (last).",
	}
	w, err := c.NextWriter(websocket.TextMessage)
	if err != nil {
		return err
	}
	whole := ""
	var frags []int
	for i, ch := range chunks {
		if _, err := w.Write([]byte(ch)); err != nil {
			return err
		}
		whole += ch
		frags = append(frags, len(ch))
		if i < len(chunks)-1 {
			p := []byte(fmt.Sprintf("between-%d", i+1))
			sl.add(entry{Type: "ping", DataHex: hex.EncodeToString(p)})
			if err := c.WriteControl(websocket.PingMessage, p, time.Now().Add(5*time.Second)); err != nil {
				return err
			}
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	sl.add(entry{Type: "text", DataHex: hex.EncodeToString([]byte(whole)), Text: whole, Fragments: frags})

	for _, n := range []int{125, 126, 65535, 65536} {
		b := pattern(n)
		sl.add(entry{Type: "binary", DataHex: hex.EncodeToString(b)})
		if err := c.WriteMessage(websocket.BinaryMessage, b); err != nil {
			return err
		}
	}
	sl.add(entry{Type: "text", DataHex: hex.EncodeToString([]byte("your turn")), Text: "your turn"})
	if err := c.WriteMessage(websocket.TextMessage, []byte("your turn")); err != nil {
		return err
	}

	for {
		mt, data, err := c.ReadMessage()
		if err != nil {
			if websocket.IsCloseError(err, 4000) {
				return nil
			}
			return err
		}
		log.Printf("received type %d, %d bytes", mt, len(data))
		if mt == websocket.TextMessage && string(data) == "done" {
			msg := websocket.FormatCloseMessage(4000, "custom")
			sl.add(entry{Type: "close", DataHex: hex.EncodeToString(msg), CloseCode: 4000, CloseReason: "custom"})
			closeSent = true
			if err := c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(5*time.Second)); err != nil {
				return err
			}
		}
	}
}
