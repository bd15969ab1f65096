package decoder

// The exchange of the 2012 article wsframe grew from: a browser opens a
// WebSocket to a Node.js server, the server sends "Hello, world" in one
// unmasked text frame, and the browser answers "Good bye." masked with
// the key 95 39 ff dd. The page opens on these frames; the tests and the
// capture generators replay them.
const (
	SeedRequest = "GET /chat HTTP/1.1\r\n" +
		"Host: 127.0.0.1:8080\r\n" +
		"Upgrade: websocket\r\n" +
		"Connection: Upgrade\r\n" +
		"Sec-WebSocket-Key: ByrM/ZMQsliJ3ARpSzF6lg==\r\n" +
		"Sec-WebSocket-Version: 13\r\n\r\n"
	SeedResponse = "HTTP/1.1 101 Switching Protocols\r\n" +
		"Upgrade: websocket\r\n" +
		"Connection: Upgrade\r\n" +
		"Sec-WebSocket-Accept: j+6fEtOsvfgsycBMCfLxWNzPFxk=\r\n\r\n"
	SeedServerFrame = "\x81\x0cHello, world"
	SeedClientFrame = "\x81\x89\x95\x39\xff\xdd\xd2\x56\x90\xb9\xb5\x5b\x86\xb8\xbb"
	// SeedPaste is the two frames as hex, one a line: what the page shows first.
	SeedPaste = "81 0c 48 65 6c 6c 6f 2c 20 77 6f 72 6c 64\n81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb"
)
