package decoder

import (
	"bytes"
	"testing"
)

// maskLoop is the byte loop of RFC 6455 section 5.3, the reference for Mask.
func maskLoop(b []byte, key [4]byte, pos int) []byte {
	out := make([]byte, len(b))
	for i := range b {
		out[i] = b[i] ^ key[(pos+i)%4]
	}
	return out
}

// TestMaskMatchesByteLoop checks the word-at-a-time Mask against the byte
// loop for every size up to 1024 and every starting key position.
func TestMaskMatchesByteLoop(t *testing.T) {
	key := [4]byte{0x95, 0x39, 0xff, 0xdd}
	src := make([]byte, 1024)
	for i := range src {
		src[i] = byte(i*31 + 7)
	}
	for n := 0; n <= len(src); n++ {
		for pos := 0; pos < 4; pos++ {
			dst := make([]byte, n)
			next := mask(dst, src[:n], key, pos)
			if want := maskLoop(src[:n], key, pos); !bytes.Equal(dst, want) {
				t.Fatalf("n=%d pos=%d: Mask differs from the byte loop", n, pos)
			}
			if next != (pos+n)%4 {
				t.Fatalf("n=%d pos=%d: next position %d, want %d", n, pos, next, (pos+n)%4)
			}
		}
	}
}

// TestMaskProperties: masking twice is the identity, in place works, and
// masking in pieces equals one pass.
func TestMaskProperties(t *testing.T) {
	key := [4]byte{1, 2, 3, 4}
	src := []byte("Good bye. Good bye. Good bye. Good bye. Good bye.")
	once := make([]byte, len(src))
	mask(once, src, key, 0)
	twice := make([]byte, len(src))
	mask(twice, once, key, 0)
	if !bytes.Equal(twice, src) {
		t.Errorf("masking twice is not the identity")
	}
	inPlace := bytes.Clone(src)
	mask(inPlace, inPlace, key, 0)
	if !bytes.Equal(inPlace, once) {
		t.Errorf("masking in place differs")
	}
	for cut := 0; cut <= len(src); cut++ {
		pieces := make([]byte, len(src))
		pos := mask(pieces[:cut], src[:cut], key, 0)
		mask(pieces[cut:], src[cut:], key, pos)
		if !bytes.Equal(pieces, once) {
			t.Fatalf("masking in pieces cut at %d differs", cut)
		}
	}
}

// TestUnmaskSteps lists the seed's unmask, which spells "Good bye.".
func TestUnmaskSteps(t *testing.T) {
	r := decodeHex(t, "81 89 95 39 ff dd d2 56 90 b9 b5 5b 86 b8 bb", Options{})
	steps := UnmaskSteps(&r.Frames[0], 0, 100)
	var text []byte
	for i, s := range steps {
		if s.I != i || s.KeyIndex != i%4 || s.Masked^s.Key != s.Result {
			t.Errorf("step %d = %+v", i, s)
		}
		text = append(text, s.Char...)
	}
	if string(text) != "Good bye." || steps[0].Masked != 0xd2 || steps[0].Key != 0x95 {
		t.Errorf("steps spell %q, first %+v", text, steps[0])
	}
	if got := UnmaskSteps(&r.Frames[0], 8, 5); len(got) != 1 || got[0].Char != "." {
		t.Errorf("steps from 8 = %+v", got)
	}
}

func BenchmarkMask(b *testing.B) {
	buf := make([]byte, 1<<20)
	key := [4]byte{1, 2, 3, 4}
	b.SetBytes(int64(len(buf)))
	for b.Loop() {
		mask(buf, buf, key, 1)
	}
}
