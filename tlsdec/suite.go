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

// Cipher kinds: how a suite's records are sealed.
const (
	KindGCM    = iota + 1 // AES-GCM
	KindChaCha            // ChaCha20-Poly1305
	KindCBC               // AES-CBC with an HMAC
)

// Hashes a suite names, as numbers so that this file needs no crypto
// package (tlsdec/crypt maps them to crypto/sha1, sha256, sha512).
const (
	NoHash = 0
	SHA1   = 1
	SHA256 = 2
	SHA384 = 3
)

// Suite is what decryption needs to know of a cipher suite.
type Suite struct {
	ID     uint16
	Name   string
	TLS13  bool
	Kind   int // KindGCM, KindChaCha or KindCBC
	KeyLen int
	MACLen int // HMAC output for CBC suites
	MAC    int // HMAC hash for CBC suites
	PRF    int // TLS 1.2 PRF hash, TLS 1.3 HKDF hash
}

// HashSize is the output size of the hash h (SHA1, SHA256 or SHA384).
func HashSize(h int) int {
	switch h {
	case SHA1:
		return 20
	case SHA384:
		return 48
	}
	return 32
}

var suites = []Suite{
	// TLS 1.3 (RFC 8446 appendix B.4)
	{0x1301, "TLS_AES_128_GCM_SHA256", true, KindGCM, 16, 0, NoHash, SHA256},
	{0x1302, "TLS_AES_256_GCM_SHA384", true, KindGCM, 32, 0, NoHash, SHA384},
	{0x1303, "TLS_CHACHA20_POLY1305_SHA256", true, KindChaCha, 32, 0, NoHash, SHA256},
	// TLS 1.2 AEAD (RFC 5288, RFC 5289, RFC 7905)
	{0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", false, KindGCM, 16, 0, NoHash, SHA256},
	{0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", false, KindGCM, 32, 0, NoHash, SHA384},
	{0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false, KindGCM, 16, 0, NoHash, SHA256},
	{0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", false, KindGCM, 32, 0, NoHash, SHA384},
	{0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256", false, KindGCM, 16, 0, NoHash, SHA256},
	{0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384", false, KindGCM, 32, 0, NoHash, SHA384},
	{0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", false, KindGCM, 16, 0, NoHash, SHA256},
	{0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", false, KindGCM, 32, 0, NoHash, SHA384},
	{0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", false, KindChaCha, 32, 0, NoHash, SHA256},
	{0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", false, KindChaCha, 32, 0, NoHash, SHA256},
	{0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", false, KindChaCha, 32, 0, NoHash, SHA256},
	// TLS 1.2 CBC (RFC 5246, RFC 4492, RFC 5289)
	{0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", false, KindCBC, 16, 20, SHA1, SHA256},
	{0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", false, KindCBC, 32, 20, SHA1, SHA256},
	{0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", false, KindCBC, 16, 20, SHA1, SHA256},
	{0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", false, KindCBC, 32, 20, SHA1, SHA256},
	{0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", false, KindCBC, 16, 32, SHA256, SHA256},
	{0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", false, KindCBC, 32, 48, SHA384, SHA384},
	{0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", false, KindCBC, 16, 32, SHA256, SHA256},
	{0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", false, KindCBC, 32, 48, SHA384, SHA384},
	{0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA", false, KindCBC, 16, 20, SHA1, SHA256},
	{0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", false, KindCBC, 32, 20, SHA1, SHA256},
	{0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256", false, KindCBC, 16, 32, SHA256, SHA256},
	{0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256", false, KindCBC, 32, 32, SHA256, SHA256},
}

// FindSuite returns the suite with id, or nil when it cannot be decrypted.
func FindSuite(id uint16) *Suite {
	for i := range suites {
		if suites[i].ID == id {
			return &suites[i]
		}
	}
	return nil
}

// SuiteName names a cipher suite ("TLS_AES_128_GCM_SHA256"), or gives its
// number in hex when this package does not know it.
func SuiteName(id uint16) string {
	if s := FindSuite(id); s != nil {
		return s.Name
	}
	return fmt.Sprintf("0x%04x", id)
}
