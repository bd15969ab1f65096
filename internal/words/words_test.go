package words

import "testing"

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{{0, "0 frames"}, {1, "1 frame"}, {2, "2 frames"}, {-1, "-1 frames"}, {1000000, "1000000 frames"}} {
		if got := Count(c.n, "frame"); got != c.want {
			t.Errorf("Count(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
