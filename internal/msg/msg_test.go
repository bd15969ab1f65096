package msg

import (
	"testing"

	"github.com/wsframe/wsframe/internal/jsonenc"
)

func TestRender(t *testing.T) {
	for _, c := range []struct {
		tmpl string
		p    Params
		want string
	}{
		{"ack of {id}", Params{"id": "1"}, "ack of 1"},
		{"{a} and {b}", Params{"a": 1, "b": int64(-2)}, "1 and -2"},
		{"{missing} stays", Params{"a": 1}, "{missing} stays"},
		{"no places", nil, "no places"},
		{"open {", Params{"a": 1}, "open {"},
		{"inner: {why}", Params{"why": New("x", "'{c}' is not a hex digit", "c", "z")}, "inner: 'z' is not a hex digit"},
	} {
		if got := Render(c.tmpl, c.p); got != c.want {
			t.Errorf("Render(%q) = %q, want %q", c.tmpl, got, c.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 frames", 1: "1 frame", 2: "2 frames"} {
		got := Plural("frames", n, "{n} frame", "{n} frames")
		if got.Message != want || got.Params["n"] != n || got.ID != "frames" {
			t.Errorf("Plural(%d) = %+v, want %q", n, got, want)
		}
	}
}

func TestJSON(t *testing.T) {
	b, err := jsonenc.Marshal(New("tls.nokey", "no key for {who}", "who", "a<b"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":"tls.nokey","params":{"who":"a\u003cb"},"message":"no key for a\u003cb"}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

func TestParamsForms(t *testing.T) {
	a := New("x", "{a} {b}", "a", 1, "b", "two")
	b := New("x", "{a} {b}", Params{"a": 1, "b": "two"})
	if a.Message != "1 two" || b.Message != a.Message || len(a.Params) != 2 || a.Params["b"] != "two" {
		t.Errorf("pairs %+v, Params %+v", a, b)
	}
	if c := New("x", "none"); c.Params != nil || c.Message != "none" {
		t.Errorf("no params: %+v", c)
	}
}
