//go:build notls || (js && !tls)

package tlsdec

import "errors"

// Decrypts is false in the page's first wasm, which reads handshakes and
// key logs but leaves the cryptography to the wasm built with -tags tls.
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
