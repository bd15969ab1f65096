package decoder

import (
	"bytes"

	"github.com/wsframe/wsframe/paste"
)

// maxConversationHead bounds the HTTP head looked for at the start of each
// node's bytes.
const maxConversationHead = 64 << 10

// DecodeConversation decodes both directions of a connection given as
// segments in the order they were sent (a Follow TCP Stream). The opening
// handshake is found at the start of each node's bytes: the node whose
// bytes begin with a GET request is the client, the one answering
// "HTTP/…" the server, and frames get their direction from that. Without a
// handshake each frame's sender is told by its mask bit, as for pasted
// frames.
func DecodeConversation(c *paste.Conversation, in Input, opts Options) *Result {
	var heads [2][]byte
	var headLen [2]int
	for _, seg := range c.Segments {
		h := &heads[seg.Node]
		if headLen[seg.Node] != 0 || len(*h) >= maxConversationHead {
			continue
		}
		*h = append(*h, seg.Data[:min(len(seg.Data), maxConversationHead-len(*h))]...)
		if !bytes.HasPrefix(*h, []byte("GET ")) && !bytes.HasPrefix(*h, []byte("HTTP/")) {
			headLen[seg.Node] = -1 // not a head
			continue
		}
		if k := bytes.Index(*h, []byte("\r\n\r\n")); k >= 0 {
			headLen[seg.Node] = k + 4
		}
	}
	client := -1
	for n := range heads {
		if headLen[n] <= 0 {
			headLen[n] = 0
			continue
		}
		if bytes.HasPrefix(heads[n], []byte("GET ")) {
			client = n
		} else if client < 0 {
			client = 1 - n
		}
	}
	s := NewSession(in, opts)
	// Ends without an address (Wireshark's view shows none) are named by
	// their node: node 0 writes the unindented lines.
	names := c.Nodes
	for n := range names {
		if names[n] == "" {
			names[n] = "node " + string(rune('0'+n))
		}
	}
	conn := Connection{Client: names[0], Server: names[1]}
	var sides [2]Side
	ext := opts.Extension
	if client >= 0 {
		sides[client], sides[1-client] = Client, Server
		conn.Client, conn.Server = names[client], names[1-client]
		var req, resp []byte
		req = heads[client][:headLen[client]]
		resp = heads[1-client][:headLen[1-client]]
		conn.Handshake = ParseHandshake(req, resp)
		if n := conn.Handshake.Negotiated(); n != nil {
			ext = n
		}
	} else {
		conn.MidStream = true
	}
	id := s.AddConnection(conn)
	var st [2]*Stream
	for n := range st {
		from := sides[n]
		if opts.From != "" && client < 0 {
			from = ""
		}
		st[n] = s.NewStream(id, from, ext, int64(headLen[n]))
	}
	var skip [2]int
	copy(skip[:], headLen[:])
	// Into an index, the bytes are copied to its store as they go (Src
	// -1): they are in no source as they are, but in the text's lines.
	var at Mark
	if opts.Index != nil {
		at.Src = -1
	}
	for _, seg := range c.Segments {
		b := seg.Data
		if k := min(skip[seg.Node], len(b)); k > 0 {
			b, skip[seg.Node] = b[k:], skip[seg.Node]-k
		}
		st[seg.Node].Write(b, at)
	}
	for _, x := range st {
		x.Close(at)
	}
	return s.Result()
}
