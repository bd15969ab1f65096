package tlsdec

import "errors"

// Crypto makes the keys that decrypt a session's records from the secrets
// of a key log. It is what a program that decrypts passes to NewConn;
// package tlsdec/crypt has the one implementation, and is the only package
// that imports crypto/*, so that a program which does not decrypt (the
// page's first wasm) links none of it. A Conn with a nil Crypto reads the
// hellos and stops a session it has keys for with NeedsDecrypter.
type Crypto interface {
	// Keys13 makes TLS 1.3 keys from a traffic secret (RFC 8446 section 7.3).
	Keys13(s *Suite, secret []byte) (Keys, error)
	// Keys12 makes the TLS 1.2 keys of both directions from the master
	// secret (RFC 5246 section 6.3), client first; etm is encrypt_then_mac
	// (RFC 7366).
	Keys12(s *Suite, master, clientRandom, serverRandom []byte, etm bool) ([2]Keys, error)
}

// Keys decrypt the records of one direction in one epoch.
type Keys interface {
	// Open decrypts one record: hdr is its 5-byte header, body what
	// follows. It returns the content type and the plaintext (in TLS 1.3,
	// the inner type and the content without padding), in dst when it is
	// large enough. A record whose tag or MAC does not match is ErrAuth.
	Open(dst []byte, seq uint64, hdr, body []byte) (typ byte, plain []byte, err error)
	// Next is the key update of RFC 8446 section 7.2.
	Next() (Keys, error)
}

// ErrAuth is a record whose authentication tag or MAC did not match.
var ErrAuth = errors.New("authentication failed")
