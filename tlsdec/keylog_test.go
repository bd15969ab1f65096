package tlsdec

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

const (
	rnd  = "1111111111111111111111111111111111111111111111111111111111111111"
	s32  = "2222222222222222222222222222222222222222222222222222222222222222"
	s48  = "333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333"
	rnd2 = "4444444444444444444444444444444444444444444444444444444444444444"
)

// TestKeyLog reads key logs in the NSS format
// (https://firefox-source-docs.mozilla.org/security/nss/legacy/key_log_format/).
func TestKeyLog(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		sessions int
		errs     []string
	}{
		{"TLS 1.2 CLIENT_RANDOM", "CLIENT_RANDOM " + rnd + " " + s48 + "\n", 1, nil},
		{"TLS 1.3 secrets, CRLF, comments, blank lines",
			"# SSL/TLS secrets log file\r\n\r\nCLIENT_HANDSHAKE_TRAFFIC_SECRET " + rnd + " " + s32 + "\r\n" +
				"SERVER_TRAFFIC_SECRET_0 " + rnd + " " + s48 + "\r\n", 1, nil},
		{"unknown labels are skipped", "EXPORTER_SECRET " + rnd + " " + s32 + "\nEARLY_EXPORTER_SECRET " + rnd2 + " 00\n" +
			"CLIENT_TRAFFIC_SECRET_0 " + rnd2 + " " + s32, 1, nil},
		{"two sessions", "CLIENT_RANDOM " + rnd + " " + s48 + "\nCLIENT_RANDOM " + rnd2 + " " + s48, 2, nil},
		{"a short master secret", "CLIENT_RANDOM " + rnd + " " + s32 + "\n", 0,
			[]string{"key log line 1, column 80: the CLIENT_RANDOM secret has 32 bytes; expected 48"}},
		{"a short random", "\nCLIENT_RANDOM 1234 " + s48, 0,
			[]string{"key log line 2, column 15: the client random has 4 hex digits; expected 64"}},
		{"not hex", "SERVER_TRAFFIC_SECRET_0 " + rnd + " " + strings.Repeat("zz", 32), 0,
			[]string{"key log line 1, column 90: the secret is not hex: encoding/hex: invalid byte: U+007A 'z'"}},
		{"a line cut short", "CLIENT_RANDOM " + rnd + "\n", 0,
			[]string{"key log line 1, column 79: CLIENT_RANDOM has 2 field(s); expected LABEL CLIENT_RANDOM SECRET"}},
		{"not a key log", "GET / HTTP/1.1\n", 0,
			[]string{`key log line 1, column 1: "GET / HTTP/1.1" is not a key log line; expected LABEL CLIENT_RANDOM SECRET`}},
		{"four fields", "  CLIENT_RANDOM " + rnd + " " + s48 + " extra", 0,
			[]string{"key log line 1, column 179: more than three fields; expected LABEL CLIENT_RANDOM SECRET"}},
	}
	for _, tt := range tests {
		k, errs := ParseKeyLog([]byte(tt.in))
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		if k.Len() != tt.sessions || fmt.Sprint(got) != fmt.Sprint(tt.errs) {
			t.Errorf("%s: %d sessions, errors %q; want %d, %q", tt.name, k.Len(), got, tt.sessions, tt.errs)
		}
	}
}

// TestKeyLogManyBadLines: past maxLineErrors, one more error counts the rest.
func TestKeyLogManyBadLines(t *testing.T) {
	_, errs := ParseKeyLog(bytes.Repeat([]byte("CLIENT_RANDOM x y\n"), 100))
	if len(errs) != maxLineErrors+1 || errs[maxLineErrors].Msg != "80 more lines could not be read" {
		t.Errorf("%d errors, last %v", len(errs), errs[len(errs)-1])
	}
}

// FuzzKeyLog: any input parses without panicking, and every error names a
// line the input has.
func FuzzKeyLog(f *testing.F) {
	f.Add([]byte("CLIENT_RANDOM " + rnd + " " + s48 + "\n# x\nSERVER_TRAFFIC_SECRET_0 " + rnd + " " + s32))
	f.Add([]byte("CLIENT_RANDOM 12 34\r\n\tEXPORTER_SECRET"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, errs := ParseKeyLog(b)
		lines := bytes.Count(b, []byte("\n")) + 1
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines || e.Column < 1 {
				t.Fatalf("error %v outside the input's %d lines", e, lines)
			}
		}
		if k.Len() > lines {
			t.Fatalf("%d sessions from %d lines", k.Len(), lines)
		}
	})
}
