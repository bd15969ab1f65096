package decoder

import (
	"encoding/hex"
	"testing"
)

// The two frames of the seed article: the server's "Hello, world" and the
// client's masked "Good bye.".
func TestSeedStream(t *testing.T) {
	b, _ := hex.DecodeString("810c48656c6c6f2c20776f726c64" + "81899539ffddd25690b9b55b86b8bb")
	s := NewSession(Input{Kind: "hex", Bytes: int64(len(b))}, Options{})
	st := s.NewStream(-1, "", nil, 0)
	st.Write(b, Mark{})
	st.Close(Mark{})
	r := s.Result()
	if len(r.Frames) != 2 || len(r.Messages) != 2 {
		t.Fatalf("got %d frames, %d messages; want 2, 2", len(r.Frames), len(r.Messages))
	}
	if got := *r.Messages[0].Text; got != "Hello, world" {
		t.Errorf("message 0 = %q", got)
	}
	if got := *r.Messages[1].Text; got != "Good bye." {
		t.Errorf("message 1 = %q", got)
	}
	if r.Frames[1].From != Client || r.Frames[1].Offset != 14 || hex.EncodeToString(r.Frames[1].MaskKey) != "9539ffdd" {
		t.Errorf("frame 1 = %+v", r.Frames[1])
	}
}
