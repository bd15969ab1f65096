package build

import (
	"bytes"
	"encoding/hex"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/decoder"
)

// randomSpec makes a spec with every field drawn at random, payload
// lengths spread over the three length encodings.
func randomSpec(rng *rand.Rand) Spec {
	var s Spec
	if rng.IntN(2) == 0 {
		s.From = "server"
	}
	pick := func() *bool {
		switch rng.IntN(3) {
		case 0:
			return nil
		case 1:
			return ptr(false)
		}
		return ptr(true)
	}
	s.Fin, s.Rsv1, s.Rsv2, s.Rsv3, s.Mask = pick(), pick(), pick(), pick(), pick()
	if rng.IntN(4) > 0 {
		s.Opcode = ptr(rng.IntN(16))
	}
	if rng.IntN(3) > 0 {
		k := make([]byte, 4)
		for i := range k {
			k[i] = byte(rng.IntN(256))
		}
		s.MaskKey = hex.EncodeToString(k)
	}
	n := []int{0, 1, 5, 125, 126, 300, 65535, 65536, 70000}[rng.IntN(9)]
	if rng.IntN(5) == 0 {
		n = rng.IntN(200)
	}
	data := make([]byte, n)
	for i := range data {
		data[i] = byte('a' + rng.IntN(3)) // compressible, and valid UTF-8
	}
	switch rng.IntN(3) {
	case 0:
		s.Text = ptr(string(data))
	case 1:
		s.Hex = ptr(hex.EncodeToString(data))
	default:
		s.Close = &Close{Code: ptr(1000 + rng.IntN(4000)), Reason: string(data[:min(len(data), 100)])}
	}
	if rng.IntN(3) == 0 && n > 0 {
		s.Fragment = max(1+rng.IntN(n), n/500+1) // at most 500 frames
		if rng.IntN(2) == 0 && s.Fragment < n {
			s.PingBetween = "ping"
		}
	}
	if rng.IntN(3) == 0 {
		s.Extension = "permessage-deflate"
	}
	return s
}

// TestBuild_Property: for random specs, decoding what Build wrote gives
// back every field of the spec: side, FIN, RSV bits, opcode, MASK and key,
// length encoding, the payload (inflated again when compressed) and the
// fragments.
func TestBuild_Property(t *testing.T) {
	rng := rand.New(rand.NewPCG(6455, 7692))
	n := 800
	if runtime.GOARCH == "wasm" {
		n = 150 // the same test, slower under node
	}
	for iter := 0; iter < n; iter++ {
		s := randomSpec(rng)
		// A length encoding shorter than the payload cannot be built.
		payload, op, _ := s.payload()
		if s.Opcode != nil {
			op = decoder.Opcode(*s.Opcode)
		}
		compressed := s.Extension != "" && (op == decoder.OpText || op == decoder.OpBinary)
		if !compressed {
			s.LengthBits = []int{0, 7, 16, 64}[rng.IntN(4)]
			per := len(payload)
			if s.Fragment > 0 {
				per = min(per, s.Fragment)
			}
			if s.LengthBits == 7 && per > 125 || s.LengthBits == 16 && per > 0xFFFF {
				s.LengthBits = 64
			}
		}
		r, err := Build([]Spec{s})
		if err != nil && strings.Contains(err.Error(), "ping_between needs") {
			// Compression or a cut close reason left one fragment.
			s.PingBetween = nil
			r, err = Build([]Spec{s})
		}
		if err != nil {
			t.Fatalf("iteration %d: %v (spec %+v)", iter, err, s)
		}
		checkRoundTrip(t, iter, &s, r, payload, op, compressed)
		if t.Failed() {
			return
		}
	}
}

func checkRoundTrip(t *testing.T, iter int, s *Spec, r *Result, payload []byte, op decoder.Opcode, compressed bool) {
	t.Helper()
	side, _ := s.side()
	wantFrames := len(split(payload, s.Fragment))
	if compressed {
		wantFrames = len(r.Frames) // compressed sizes decide
	}
	ping := 0
	if s.PingBetween != nil {
		ping = 1
	}
	data := r.Frames[:0:0]
	for i, f := range r.Frames {
		if ping == 1 && i == 1 {
			if f.Opcode != decoder.OpPing || string(f.Payload) != "ping" || !f.Fin {
				t.Errorf("iteration %d: frame 1 is %v %q, want the ping", iter, f.Opcode, f.Payload)
			}
			continue
		}
		data = append(data, f)
	}
	if !compressed && len(data) != wantFrames {
		t.Fatalf("iteration %d: %d data frames, want %d (%s)", iter, len(data), wantFrames, r.Paste)
	}
	var joined []byte
	for i, f := range r.Frames {
		if f.From != side {
			t.Errorf("iteration %d: frame %d from %s, want %s", iter, i, f.From, side)
		}
		if f.Masked != or(s.Mask, side == decoder.Client) {
			t.Errorf("iteration %d: frame %d masked %v", iter, i, f.Masked)
		}
		if f.Masked && s.MaskKey != "" && hex.EncodeToString(f.MaskKey) != s.MaskKey {
			t.Errorf("iteration %d: frame %d key %x, want %s", iter, i, f.MaskKey, s.MaskKey)
		}
	}
	for k, f := range data {
		first, last := k == 0, k == len(data)-1
		wantOp := decoder.OpContinuation
		if first {
			wantOp = op
		}
		if f.Opcode != wantOp || f.Fin != (last && or(s.Fin, true)) {
			t.Errorf("iteration %d: data frame %d opcode %v fin %v", iter, k, f.Opcode, f.Fin)
		}
		if first && (f.Rsv1 != or(s.Rsv1, compressed) || f.Rsv2 != or(s.Rsv2, false) || f.Rsv3 != or(s.Rsv3, false)) ||
			!first && (f.Rsv1 || f.Rsv2 || f.Rsv3) {
			t.Errorf("iteration %d: data frame %d rsv %v %v %v", iter, k, f.Rsv1, f.Rsv2, f.Rsv3)
		}
		if s.LengthBits != 0 && f.LengthBits != s.LengthBits {
			t.Errorf("iteration %d: data frame %d length in %d bits, want %d", iter, k, f.LengthBits, s.LengthBits)
		}
		if s.LengthBits == 0 {
			if want, _ := lengthBits(0, f.PayloadLength); f.LengthBits != want {
				t.Errorf("iteration %d: data frame %d length %d in %d bits, not the shortest", iter, k, f.PayloadLength, f.LengthBits)
			}
		}
		joined = append(joined, f.Payload...)
	}
	if !compressed && !bytes.Equal(joined, payload) {
		t.Errorf("iteration %d: payload %d bytes back, %d built", iter, len(joined), len(payload))
	}
	if compressed && or(s.Rsv1, true) {
		m := r.Messages[r.Frames[0].Message]
		if ping == 1 {
			m = r.Messages[data[0].Message]
		}
		if complete := or(s.Fin, true); complete && (!bytes.Equal(m.Data, payload) || !m.Compressed) {
			t.Errorf("iteration %d: message %d inflates to %q (%q), built %q; %+v\n%s", iter, m.Index, m.Data, m.Problem, payload, *s, r.Paste)
		}
	}
	if s.Close != nil && op == decoder.OpClose && len(data) == 1 && data[0].Fin {
		m := r.Messages[data[0].Message]
		if m.CloseCode == nil || *m.CloseCode != *s.Close.Code || m.CloseReason == nil || *m.CloseReason != s.Close.Reason {
			t.Errorf("iteration %d: close %v %v, built %d %q", iter, m.CloseCode, m.CloseReason, *s.Close.Code, s.Close.Reason)
		}
	}
}
