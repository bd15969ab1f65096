// Package tlsdec decrypts the TLS records of a captured connection with the
// session keys of an NSS key log (the SSLKEYLOGFILE format that Chrome,
// Firefox, curl, Node, Python and Go write), so that the WebSocket traffic
// of a wss:// connection can be read like that of ws://.
//
// It reads:
//   - key logs (ParseKeyLog): CLIENT_RANDOM for TLS 1.2, and the TLS 1.3
//     traffic secrets CLIENT_HANDSHAKE_TRAFFIC_SECRET,
//     SERVER_HANDSHAKE_TRAFFIC_SECRET, CLIENT_TRAFFIC_SECRET_0 and
//     SERVER_TRAFFIC_SECRET_0; other labels are ignored;
//   - the record layer (RFC 8446 section 5, RFC 5246 section 6.2) of each
//     direction of a TCP connection, records across segments and several in
//     one segment;
//   - the ClientHello and ServerHello (randoms, version, cipher suite, SNI,
//     ALPN, extended master secret, encrypt-then-MAC), and in TLS 1.3 the
//     EncryptedExtensions (ALPN), Finished and KeyUpdate;
//
// and decrypts application data under TLS 1.3 (TLS_AES_128_GCM_SHA256,
// TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256) and TLS 1.2 (ECDHE
// and RSA key exchange with AES-GCM, ChaCha20-Poly1305, and AES-CBC with
// HMAC-SHA1, SHA-256 or SHA-384, MAC-then-encrypt or encrypt-then-MAC).
//
// A record whose authentication fails is never handed on: the direction
// stops with an error naming the record and its offset in the TCP stream.
//
// Every record decrypts on its own from its direction's keys, its sequence
// number and its bytes on the wire (Record), so a caller may decrypt one
// again later without replaying the connection.
//
// The package is pure Go; it never imports syscall/js.
package tlsdec
