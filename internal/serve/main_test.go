package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHeaders: the page and every file carry the policy of web/_headers
// (frame-ancestors, nosniff, a referrer policy); the worker carries its
// own policy besides, which allows its origin and nothing else.
func TestHeaders(t *testing.T) {
	h, err := handler("../../web")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) *http.Response {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("%s: HTTP %d", path, res.StatusCode)
		}
		return res
	}
	for _, path := range []string{"/", "/app.js", "/worker.js"} {
		res := get(path)
		csp := res.Header.Values("Content-Security-Policy")
		if len(csp) == 0 || !strings.Contains(csp[0], "frame-ancestors 'none'") || !strings.Contains(csp[0], "connect-src 'self'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", path, got)
		}
		if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q", path, got)
		}
	}
	w := get("/worker.js").Header.Values("Content-Security-Policy")
	if len(w) != 2 || w[1] != "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'" {
		t.Errorf("worker.js: policies %q", w)
	}
	if got := get("/").Header.Values("Content-Security-Policy"); len(got) != 1 {
		t.Errorf("/: %d policies, want the page's alone", len(got))
	}
}

func TestParseHeadersErrors(t *testing.T) {
	for _, bad := range []string{"  X: y\n", "/*\n  no colon\n", "/*\n  : v\n"} {
		if _, err := parseHeaders(bad); err == nil || !strings.Contains(err.Error(), "line ") {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}
