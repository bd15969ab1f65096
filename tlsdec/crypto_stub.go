//go:build notls || (js && !full)

package tlsdec

import "errors"

// Decrypts is false in builds without the cryptography (-tags notls, and
// the page's first wasm): connections stop at their ServerHello, those with
// keys with NeedsDecrypter.
const Decrypts = false

// errNoCrypto is what key derivation says in a build without cryptography.
var errNoCrypto = errors.New("this build does not decrypt")

// keys stands in for the keys of crypto.go.
type keys struct {
	s      *suite
	tls13  bool
	secret []byte
	probe  bool
}

func keys13(*suite, []byte) (*keys, error) { return nil, errNoCrypto }

func keys12(*suite, []byte, []byte, []byte, bool) ([2]*keys, error) {
	return [2]*keys{}, errNoCrypto
}

func (k *keys) next() (*keys, error) { return nil, errNoCrypto }

func (k *keys) open([]byte, uint64, []byte, []byte) (byte, []byte, error) {
	return 0, nil, errNoCrypto
}

var errAuth = errNoCrypto
