package decoder

import (
	"errors"
	"strings"
	"testing"
)

// Inputs mark the spot of an expected error with «, removed before parsing.
func TestParseExtensionList(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     string // the offers written back, joined by " | "
		err      string
	}{
		{"6455 9.1 one extension", "permessage-deflate", "permessage-deflate", ""},
		{"6455 9.1 several offers", "permessage-deflate; client_max_window_bits, permessage-deflate, x-webkit-deflate-frame",
			"permessage-deflate; client_max_window_bits | permessage-deflate | x-webkit-deflate-frame", ""},
		{"6455 9.1 quoted value", `permessage-deflate; client_max_window_bits="10"`, "permessage-deflate; client_max_window_bits=10", ""},
		{"6455 9.1 odd spaces and empty elements", " ,foo ;a = 1 ;\tb ,, bar", "foo; a=1; b | bar", ""},
		{"6455 9.1 missing name", "«; a", "", "expected an extension name (a token), found ';'"},
		{"6455 9.1 missing parameter", "foo;«", "", "expected a parameter name (a token) after ';', found the end of the value"},
		{"6455 9.1 missing value", "foo; a=«, bar", "bar", "expected a value (a token or a quoted-string) after a=, found ','"},
		{"6455 9.1 unclosed quote", `foo; a=«"10`, "", `the quoted-string that starts here has no closing '"'`},
		{"6455 9.1 quoted value not a token", `foo; a=«"1 0", bar`, "bar", `the quoted value "1 0" of a must be a token once unquoted (RFC 6455 9.1)`},
		{"6455 9.1 junk after name", "foo «bar", "", `expected ';' or ',' after "foo", found 'b'`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			at := strings.Index(tt.in, "«")
			in := strings.Replace(tt.in, "«", "", 1)
			offers, err := parseExtensions(in)
			var names []string
			for _, o := range offers {
				names = append(names, o.String())
			}
			if got := strings.Join(names, " | "); got != tt.want {
				t.Errorf("offers %q, want %q", got, tt.want)
			}
			if tt.err == "" {
				if err != nil {
					t.Errorf("unexpected error %v", err)
				}
				return
			}
			var e Error
			if !errors.As(err, &e) || e.Message != tt.err || e.Column != at+1 || e.Line != 1 {
				t.Errorf("error %#v, want %q at column %d", err, tt.err, at+1)
			}
		})
	}
}

func TestParseExtensionColumns(t *testing.T) {
	offers, _ := parseExtensions("a; b=1, c")
	if offers[0].Column != 1 || offers[0].Params[0].Column != 4 || offers[1].Column != 9 {
		t.Errorf("columns %+v", offers)
	}
	if p, ok := offers[0].Param("B"); !ok || p.Value != "1" {
		t.Errorf("Param(B) = %+v, %v", p, ok)
	}
}

func TestParseExtension(t *testing.T) {
	for _, tt := range []struct {
		name, answer string
		want         *Extension // Explanation not compared
		err          string
	}{
		{"no extension", "", nil, ""},
		{"not a compression extension", "mux; max-channels=4", nil, ""},
		{"7692 7 plain", "permessage-deflate", &Extension{Name: "permessage-deflate"}, ""},
		{"7692 7.1 every parameter", "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=8",
			&Extension{Name: "permessage-deflate", ServerNoContextTakeover: true, ClientNoContextTakeover: true, ServerMaxWindowBits: 9, ClientMaxWindowBits: 8}, ""},
		{"7692 7.1 case of names", "PerMessage-Deflate; Server_Max_Window_Bits=12", &Extension{Name: "permessage-deflate", ServerMaxWindowBits: 12}, ""},
		{"deflate-frame answer binds the client", "x-webkit-deflate-frame; no_context_takeover; max_window_bits=10",
			&Extension{Name: "x-webkit-deflate-frame", ClientNoContextTakeover: true, ClientMaxWindowBits: 10}, ""},
		{"7692 7.1.2.2 answer without a value", "permessage-deflate; client_max_window_bits", nil, "column 1: client_max_window_bits needs a value from 8 to 15 (RFC 7692 7.1.2)"},
		{"7692 7.1.2.1 leading zero", "permessage-deflate; server_max_window_bits=010", nil, `column 1: server_max_window_bits=010: expected a decimal number from 8 to 15, found "010" (RFC 7692 7.1.2)`},
		{"7692 7.1.2.1 too small", "permessage-deflate; server_max_window_bits=7", nil, "column 1: server_max_window_bits=7: the window bits must be from 8 to 15, not 7 (RFC 7692 7.1.2)"},
		{"7692 7.1.1.1 value on a flag", "permessage-deflate; server_no_context_takeover=1", nil, `column 1: server_no_context_takeover takes no value, but has "1" (RFC 7692 7.1.1)`},
		{"7692 7 duplicate", "permessage-deflate; server_no_context_takeover; server_no_context_takeover", nil, "column 1: server_no_context_takeover is given twice; each parameter may appear once (RFC 7692 7)"},
		{"7692 7 unknown", "permessage-deflate; level=9", nil, `column 1: permessage-deflate has no parameter "level" (RFC 7692 7.1)`},
		{"7692 6 two RSV1 users", "permessage-deflate, deflate-frame", nil, "column 21: deflate-frame is agreed besides permessage-deflate, but both use RSV1; only permessage-deflate is used"},
		{"6455 9.1 syntax", "permessage-deflate; =", nil, "column 21: expected a parameter name (a token) after ';', found '='"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseExtension(tt.answer)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || got != nil {
					t.Fatalf("got %+v, %v; want error %q", got, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (got == nil) != (tt.want == nil) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			if got == nil {
				return
			}
			if got.Explanation == "" {
				t.Errorf("no explanation")
			}
			got.Explanation = ""
			if *got != *tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestExplainDeflateFrame(t *testing.T) {
	e, _ := ParseExtension("deflate-frame")
	if !strings.HasPrefix(e.Explanation, "deflate-frame (the draft before RFC 7692) compresses each frame by itself: frames from the server may be compressed") {
		t.Errorf("explanation %q", e.Explanation)
	}
}

func FuzzExtensions(f *testing.F) {
	for _, s := range []string{
		"permessage-deflate; client_max_window_bits, permessage-deflate",
		`permessage-deflate; client_max_window_bits="10"; server_no_context_takeover`,
		"x-webkit-deflate-frame; no_context_takeover; max_window_bits=10",
		`a; b="c\"d", ,e`,
		"permessage-deflate; server_max_window_bits=08",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		offers, err := parseExtensions(s)
		var e Error
		if err != nil && (!errors.As(err, &e) || e.Column < 1 || e.Column > len(s)+1) {
			t.Fatalf("error %v has no column inside the value", err)
		}
		for _, o := range offers {
			if o.Column < 1 || o.Column > len(s) || !strings.HasPrefix(s[o.Column-1:], o.Name) {
				t.Fatalf("offer %q at column %d of %q", o.Name, o.Column, s)
			}
			// An offer written back parses to itself.
			again, err := parseExtensions(o.String())
			if err != nil || len(again) != 1 || again[0].String() != o.String() {
				t.Fatalf("%q written back as %q reads as %v, %v", s, o.String(), again, err)
			}
		}
		ext, err := ParseExtension(s)
		if ext != nil && err != nil {
			t.Fatal("both an extension and an error")
		}
		if ext != nil {
			for _, b := range []int{ext.ServerMaxWindowBits, ext.ClientMaxWindowBits} {
				if b != 0 && (b < 8 || b > 15) {
					t.Fatalf("window bits %d accepted", b)
				}
			}
		}
	})
}

// parseExtensions is parseExtensionList with its first problem as the error.
func parseExtensions(value string) ([]Offer, error) {
	offers, errs := parseExtensionList(value)
	if len(errs) > 0 {
		return offers, errs[0]
	}
	return offers, nil
}
