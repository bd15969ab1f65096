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

// TestMaskUnaligned checks mask where source and destination start at
// every address within a word, alike and apart: the word loads and stores
// (wordLoads) must give the byte loop's bytes wherever the payload lies,
// and so must the words put together from bytes, where they are not.
func TestMaskUnaligned(t *testing.T) {
	key := [4]byte{0x95, 0x39, 0xff, 0xdd}
	src := make([]byte, 300)
	for i := range src {
		src[i] = byte(i*31 + 7)
	}
	for _, n := range []int{16, 17, 31, 32, 33, 63, 64, 65, 100, 255} {
		for so := 0; so < 8; so++ {
			for do := 0; do < 8; do++ {
				buf := make([]byte, n+do)
				next := mask(buf[do:], src[so:so+n], key, so)
				if want := maskLoop(src[so:so+n], key, so); !bytes.Equal(buf[do:], want) {
					t.Fatalf("n=%d source at +%d, destination at +%d: differs from the byte loop", n, so, do)
				}
				if next != (so+n)%4 {
					t.Fatalf("n=%d: next position %d, want %d", n, next, (so+n)%4)
				}
			}
			var rot [8]byte
			for j := range rot {
				rot[j] = key[(so+j)&3]
			}
			buf := make([]byte, n+1)
			done := xorWordsBytes(buf[1:], src[so:so+n], rot)
			if want := maskLoop(src[so:so+n], key, so); done != n/8*8 || !bytes.Equal(buf[1:done+1], want[:done]) {
				t.Fatalf("xorWordsBytes n=%d source at +%d: did %d bytes (want %d), or differs from the byte loop", n, so, done, n/8*8)
			}
			inPlace := bytes.Clone(src)
			mask(inPlace[so:so+n], inPlace[so:so+n], key, 0)
			if want := maskLoop(src[so:so+n], key, 0); !bytes.Equal(inPlace[so:so+n], want) {
				t.Fatalf("n=%d in place at +%d: differs from the byte loop", n, so)
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

// BenchmarkMask masks 1 MiB in place, and a 1 KiB payload into another
// buffer as the decoder unmasks a frame (the bench capture's client
// frames): compare natively and under GOOS=js GOARCH=wasm.
func BenchmarkMask(b *testing.B) {
	key := [4]byte{1, 2, 3, 4}
	b.Run("1MiB", func(b *testing.B) {
		buf := make([]byte, 1<<20)
		b.SetBytes(int64(len(buf)))
		for b.Loop() {
			mask(buf, buf, key, 1)
		}
	})
	b.Run("1KiB", func(b *testing.B) {
		src, dst := make([]byte, 1024), make([]byte, 1024)
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			mask(dst, src, key, 0)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/frame")
	})
}
