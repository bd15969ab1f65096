// Package crypt is the cryptography of TLS decryption: key schedules
// (HKDF-Expand-Label, the TLS 1.2 PRF) and record protection (AES-GCM,
// ChaCha20-Poly1305, AES-CBC with HMAC). It is the only package of wsframe
// that imports crypto/*: a program that decrypts passes TLS to
// tlsdec.NewConn (through decoder.Options.Decrypt), and one that does not
// (the page's first wasm) never imports this package and links none of it.
package crypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	cryptosha1 "crypto/sha1"
	cryptosha256 "crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"hash"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/wsframe/wsframe/tlsdec"
)

// TLS makes the keys of TLS 1.2 and TLS 1.3 sessions.
var TLS tlsdec.Crypto = schedule{}

// schedule implements tlsdec.Crypto.
type schedule struct{}

func (schedule) Keys13(s *tlsdec.Suite, secret []byte) (tlsdec.Keys, error) {
	k, err := keys13(s, secret)
	if err != nil {
		return nil, err
	}
	return k, nil
}

func (schedule) Keys12(s *tlsdec.Suite, master, clientRandom, serverRandom []byte, etm bool) ([2]tlsdec.Keys, error) {
	ks, err := keys12(s, master, clientRandom, serverRandom, etm)
	if err != nil {
		return [2]tlsdec.Keys{}, err
	}
	return [2]tlsdec.Keys{ks[0], ks[1]}, nil
}

// hashFunc returns the hash a suite names.
func hashFunc(h int) func() hash.Hash {
	switch h {
	case tlsdec.SHA1:
		return cryptosha1.New
	case tlsdec.SHA384:
		return sha512.New384
	}
	return cryptosha256.New
}

// hkdfExpandLabel is HKDF-Expand-Label of RFC 8446 section 7.1 with an
// empty context, as the traffic keys use it.
func hkdfExpandLabel(hf int, secret []byte, label string, length int) []byte {
	info := make([]byte, 0, 4+6+len(label))
	info = append(info, byte(length>>8), byte(length), byte(6+len(label)))
	info = append(info, "tls13 "...)
	info = append(info, label...)
	info = append(info, 0) // empty context
	// HKDF-Expand (RFC 5869 section 2.3)
	mac := hmac.New(hashFunc(hf), secret)
	var out, t []byte
	for i := byte(1); len(out) < length; i++ {
		mac.Reset()
		mac.Write(t)
		mac.Write(info)
		mac.Write([]byte{i})
		t = mac.Sum(nil)
		out = append(out, t...)
	}
	return out[:length]
}

// prf12 is the TLS 1.2 PRF (RFC 5246 section 5): P_hash(secret, label+seed).
func prf12(hf int, secret []byte, label string, seed []byte, length int) []byte {
	ls := append([]byte(label), seed...)
	mac := hmac.New(hashFunc(hf), secret)
	mac.Write(ls)
	a := mac.Sum(nil) // A(1)
	var out []byte
	for len(out) < length {
		mac.Reset()
		mac.Write(a)
		mac.Write(ls)
		out = mac.Sum(out)
		mac.Reset()
		mac.Write(a)
		a = mac.Sum(a[:0])
	}
	return out[:length]
}

// keys decrypt the records of one direction in one epoch.
type keys struct {
	s      *tlsdec.Suite
	tls13  bool
	aead   cipher.AEAD
	iv     []byte // TLS 1.3 and ChaCha20: 12 bytes; TLS 1.2 GCM: the 4-byte salt
	block  cipher.Block
	macKey []byte
	etm    bool // TLS 1.2 CBC with encrypt_then_mac (RFC 7366)
	secret []byte
}

// keys13 makes TLS 1.3 keys from a traffic secret (RFC 8446 section 7.3).
func keys13(s *tlsdec.Suite, secret []byte) (*keys, error) {
	if len(secret) != tlsdec.HashSize(s.PRF) {
		return nil, errors.New("the secret's length does not fit the cipher suite's hash")
	}
	k := &keys{s: s, tls13: true, secret: secret}
	key := hkdfExpandLabel(s.PRF, secret, "key", s.KeyLen)
	k.iv = hkdfExpandLabel(s.PRF, secret, "iv", 12)
	var err error
	k.aead, err = newAEAD(s.Kind, key)
	if err != nil {
		return nil, err
	}
	return k, nil
}

// Next is the key update of RFC 8446 section 7.2.
func (k *keys) Next() (tlsdec.Keys, error) {
	n, err := k.next()
	if err != nil {
		return nil, err
	}
	return n, nil
}

func (k *keys) next() (*keys, error) {
	return keys13(k.s, hkdfExpandLabel(k.s.PRF, k.secret, "traffic upd", tlsdec.HashSize(k.s.PRF)))
}

// keys12 makes the TLS 1.2 keys of both directions from the master secret
// (RFC 5246 section 6.3): client first.
func keys12(s *tlsdec.Suite, master, clientRandom, serverRandom []byte, etm bool) ([2]*keys, error) {
	ivLen := 0
	switch s.Kind {
	case tlsdec.KindGCM:
		ivLen = 4
	case tlsdec.KindChaCha:
		ivLen = 12
	}
	n := 2*s.MACLen + 2*s.KeyLen + 2*ivLen
	seed := append(append([]byte(nil), serverRandom...), clientRandom...)
	kb := prf12(s.PRF, master, "key expansion", seed, n)
	take := func(m int) []byte { b := kb[:m]; kb = kb[m:]; return b }
	var out [2]*keys
	cm, sm := take(s.MACLen), take(s.MACLen)
	ck, sk := take(s.KeyLen), take(s.KeyLen)
	ci, si := take(ivLen), take(ivLen)
	for d, p := range [2][3][]byte{{cm, ck, ci}, {sm, sk, si}} {
		k := &keys{s: s, macKey: p[0], iv: p[2], etm: etm}
		var err error
		if s.Kind == tlsdec.KindCBC {
			k.block, err = aes.NewCipher(p[1])
		} else {
			k.aead, err = newAEAD(s.Kind, p[1])
		}
		if err != nil {
			return out, err
		}
		out[d] = k
	}
	return out, nil
}

func newAEAD(kind int, key []byte) (cipher.AEAD, error) {
	if kind == tlsdec.KindChaCha {
		return chacha20poly1305.New(key)
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// errAuth is a record whose authentication tag or MAC did not match.
var errAuth = tlsdec.ErrAuth

// Open decrypts one record: hdr is its 5-byte header, body what follows.
// It returns the content type and the plaintext (in TLS 1.3, the inner
// type and the content without padding). dst is reused for the plaintext.
func (k *keys) Open(dst []byte, seq uint64, hdr, body []byte) (typ byte, plain []byte, err error) {
	var nonce [12]byte
	switch {
	case k.tls13:
		copy(nonce[:], k.iv)
		xorSeq(&nonce, seq)
		plain, err = k.aead.Open(dst[:0], nonce[:], body, hdr)
		if err != nil {
			return 0, nil, errAuth
		}
		// RFC 8446 section 5.4: the type is the last non-zero byte.
		i := len(plain) - 1
		for i >= 0 && plain[i] == 0 {
			i--
		}
		if i < 0 {
			return 0, nil, errors.New("the decrypted record has no content type (all padding)")
		}
		return plain[i], plain[:i], nil
	case k.s.Kind == tlsdec.KindCBC:
		return k.openCBC(dst, seq, hdr, body)
	}
	typ = hdr[0]
	var ad [13]byte
	binary.BigEndian.PutUint64(ad[:8], seq)
	copy(ad[8:11], hdr[:3])
	if k.s.Kind == tlsdec.KindGCM {
		// RFC 5288 section 3: salt(4) || explicit nonce(8) sent first.
		if len(body) < 8+16 {
			return 0, nil, errors.New("the record is too short for AES-GCM")
		}
		copy(nonce[:4], k.iv)
		copy(nonce[4:], body[:8])
		body = body[8:]
	} else {
		// RFC 7905 section 2: the IV XORed with the sequence number.
		if len(body) < 16 {
			return 0, nil, errors.New("the record is too short for ChaCha20-Poly1305")
		}
		copy(nonce[:], k.iv)
		xorSeq(&nonce, seq)
	}
	binary.BigEndian.PutUint16(ad[11:], uint16(len(body)-16))
	plain, err = k.aead.Open(dst[:0], nonce[:], body, ad[:])
	if err != nil {
		return 0, nil, errAuth
	}
	return typ, plain, nil
}

func xorSeq(n *[12]byte, seq uint64) {
	for i := 0; i < 8; i++ {
		n[4+i] ^= byte(seq >> (56 - 8*i))
	}
}

// openCBC decrypts a TLS 1.2 AES-CBC record (RFC 5246 section 6.2.3.2):
// an explicit IV, then MAC-then-encrypt, or with encrypt_then_mac (RFC 7366)
// the MAC over the IV and ciphertext.
func (k *keys) openCBC(dst []byte, seq uint64, hdr, body []byte) (byte, []byte, error) {
	ml := k.s.MACLen
	mac := hmac.New(hashFunc(k.s.MAC), k.macKey)
	var ad [13]byte
	binary.BigEndian.PutUint64(ad[:8], seq)
	copy(ad[8:11], hdr[:3])
	if k.etm {
		if len(body) < 16+16+ml {
			return 0, nil, errors.New("the record is too short for AES-CBC with its MAC")
		}
		ct, tag := body[:len(body)-ml], body[len(body)-ml:]
		binary.BigEndian.PutUint16(ad[11:], uint16(len(ct)))
		mac.Write(ad[:])
		mac.Write(ct)
		if !hmac.Equal(mac.Sum(nil), tag) {
			return 0, nil, errAuth
		}
		body = ct
	}
	if len(body) < 32 || len(body)%16 != 0 {
		return 0, nil, errors.New("the record's length is not a whole number of AES blocks after its IV")
	}
	plain := append(dst[:0], body[16:]...)
	cipher.NewCBCDecrypter(k.block, body[:16]).CryptBlocks(plain, plain)
	pad := int(plain[len(plain)-1])
	if pad+1 > len(plain) {
		return 0, nil, errAuth
	}
	for _, p := range plain[len(plain)-1-pad:] {
		if int(p) != pad {
			return 0, nil, errAuth
		}
	}
	plain = plain[:len(plain)-1-pad]
	if k.etm {
		return hdr[0], plain, nil
	}
	if len(plain) < ml {
		return 0, nil, errAuth
	}
	content, tag := plain[:len(plain)-ml], plain[len(plain)-ml:]
	binary.BigEndian.PutUint16(ad[11:], uint16(len(content)))
	mac.Write(ad[:])
	mac.Write(content)
	if subtle.ConstantTimeCompare(mac.Sum(nil), tag) != 1 {
		return 0, nil, errAuth
	}
	return hdr[0], content, nil
}
