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
	read := func(each func(node int, b []byte)) [2]string {
		for _, seg := range c.Segments {
			each(seg.Node, seg.Data)
		}
		return c.Nodes
	}
	return DecodeConversationPieces(read, &in, opts)
}

// DecodeConversationPieces decodes a conversation as DecodeConversation
// does, read twice rather than held: each call of read hands each its
// bytes in order, a run at a time with the node that sent it (b need only
// be valid during the call), and returns the ends' addresses (tshark's
// header, or ""). The first reading finds the handshake at each node's
// start, keeping at most maxConversationHead bytes of it; the second
// decodes. The first may also fill in *in (its byte count, its form),
// which the result describes.
func DecodeConversationPieces(read func(each func(node int, b []byte)) [2]string, in *Input, opts Options) *Result {
	var heads [2][]byte
	var headLen [2]int
	names := read(func(node int, b []byte) {
		h := &heads[node]
		if headLen[node] != 0 || len(*h) >= maxConversationHead {
			return
		}
		*h = append(*h, b[:min(len(b), maxConversationHead-len(*h))]...)
		if !couldStart(*h, "GET ") && !couldStart(*h, "HTTP/") {
			headLen[node] = -1 // not a head
			return
		}
		if k := bytes.Index(*h, []byte("\r\n\r\n")); k >= 0 {
			headLen[node] = k + 4
		}
	})
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
	s := NewSession(*in, opts)
	// Ends without an address (Wireshark's view shows none) are named by
	// their node: node 0 writes the unindented lines.
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
	read(func(node int, b []byte) {
		if k := min(skip[node], len(b)); k > 0 {
			b, skip[node] = b[k:], skip[node]-k
		}
		st[node].Write(b, at)
	})
	for _, x := range st {
		x.Close(at)
	}
	return s.Result()
}

// couldStart reports whether h starts with prefix, or is the start of
// it (more bytes may make it so).
func couldStart(h []byte, prefix string) bool {
	n := min(len(h), len(prefix))
	return string(h[:n]) == prefix[:n]
}
