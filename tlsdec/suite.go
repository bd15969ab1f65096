package tlsdec

import "fmt"

// Versions on the wire.
const (
	VersionTLS10 = 0x0301
	VersionTLS11 = 0x0302
	VersionTLS12 = 0x0303
	VersionTLS13 = 0x0304
)

// VersionName names a protocol version ("TLS 1.3").
func VersionName(v uint16) string {
	switch v {
	case 0x0300:
		return "SSL 3.0"
	case VersionTLS10:
		return "TLS 1.0"
	case VersionTLS11:
		return "TLS 1.1"
	case VersionTLS12:
		return "TLS 1.2"
	case VersionTLS13:
		return "TLS 1.3"
	case 0:
		return ""
	}
	return fmt.Sprintf("0x%04x", v)
}

// cipher kinds.
const (
	kindGCM = iota + 1
	kindChaCha
	kindCBC
)

// hashes, named here so that this file needs no crypto package (see keys.go).
const (
	sha1   = 1
	sha256 = 2
	sha384 = 3
	noHash = 0
)

// suite is what decryption needs to know of a cipher suite.
type suite struct {
	id     uint16
	name   string
	tls13  bool
	kind   int
	keyLen int
	macLen int // HMAC output for CBC suites
	mac    int // HMAC hash for CBC suites
	prf    int // TLS 1.2 PRF hash, TLS 1.3 HKDF hash
}

var suites = []suite{
	// TLS 1.3 (RFC 8446 appendix B.4)
	{0x1301, "TLS_AES_128_GCM_SHA256", true, kindGCM, 16, 0, noHash, sha256},
	{0x1302, "TLS_AES_256_GCM_SHA384", true, kindGCM, 32, 0, noHash, sha384},
	{0x1303, "TLS_CHACHA20_POLY1305_SHA256", true, kindChaCha, 32, 0, noHash, sha256},
	// TLS 1.2 AEAD (RFC 5288, RFC 5289, RFC 7905)
	{0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false, kindGCM, 16, 0, noHash, sha256},
	{0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", false, kindGCM, 32, 0, noHash, sha384},
	{0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false, kindGCM, 16, 0, noHash, sha256},
	{0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", false, kindGCM, 32, 0, noHash, sha384},
	{0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", false, kindGCM, 16, 0, noHash, sha256},
	{0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", false, kindGCM, 32, 0, noHash, sha384},
	{0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", false, kindGCM, 16, 0, noHash, sha256},
	{0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", false, kindGCM, 32, 0, noHash, sha384},
	{0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", false, kindChaCha, 32, 0, noHash, sha256},
	{0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", false, kindChaCha, 32, 0, noHash, sha256},
	{0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", false, kindChaCha, 32, 0, noHash, sha256},
	// TLS 1.2 CBC (RFC 5246, RFC 4492, RFC 5289)
	{0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", false, kindCBC, 16, 20, sha1, sha256},
	{0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", false, kindCBC, 32, 20, sha1, sha256},
	{0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", false, kindCBC, 16, 20, sha1, sha256},
	{0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", false, kindCBC, 32, 20, sha1, sha256},
	{0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", false, kindCBC, 16, 32, sha256, sha256},
	{0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", false, kindCBC, 32, 48, sha384, sha384},
	{0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", false, kindCBC, 16, 32, sha256, sha256},
	{0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", false, kindCBC, 32, 48, sha384, sha384},
	{0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", false, kindCBC, 16, 20, sha1, sha256},
	{0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", false, kindCBC, 32, 20, sha1, sha256},
	{0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", false, kindCBC, 16, 32, sha256, sha256},
	{0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", false, kindCBC, 32, 32, sha256, sha256},
}

// findSuite returns the suite with id, or nil when it cannot be decrypted.
func findSuite(id uint16) *suite {
	for i := range suites {
		if suites[i].id == id {
			return &suites[i]
		}
	}
	return nil
}

// SuiteName names a cipher suite ("TLS_AES_128_GCM_SHA256"), or gives its
// number in hex when this package does not know it.
func SuiteName(id uint16) string {
	if s := findSuite(id); s != nil {
		return s.name
	}
	return fmt.Sprintf("0x%04x", id)
}
