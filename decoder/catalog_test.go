package decoder

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/internal/catalog"
)

// catalogKeys reads the keys of one of the page's catalogs (web/i18n/*.js)
// and, with each, its text's {param} names, sorted and joined by commas.
func catalogKeys(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "web", "i18n", lang+".js"))
	if err != nil {
		t.Fatal(err)
	}
	keys := catalog.Entries(string(b))
	for k, text := range keys {
		keys[k] = catalog.Params(text)
	}
	if len(keys) < 100 {
		t.Fatalf("%s.js: only %d keys read; has its layout changed?", lang, len(keys))
	}
	return keys
}

// TestCatalogsCoverEveryID checks that the page can explain, in every
// language, each violation and handshake check the decoder can emit: by its
// id, and by its message's template with the same params where Go's message
// has any (the page falls back to Go's English message only for an id its
// catalog lacks); and each close code and opcode the decoder names.
func TestCatalogsCoverEveryID(t *testing.T) {
	var want []string
	for _, r := range rules {
		want = append(want, "viol."+r.ID)
	}
	// A message with params has a template of its own, naming the same params.
	templates := map[string]string{}
	for mid, tmpl := range checkMessages {
		id, _, _ := strings.Cut(mid, ".")
		want = append(want, "check."+id)
		if strings.Contains(tmpl, "{") {
			templates["check."+mid+".detail"] = catalog.Params(tmpl)
		}
	}
	for _, r := range rules {
		if strings.Contains(r.Message, "{") {
			templates["viol."+r.ID+".detail"] = catalog.Params(r.Message)
		}
	}
	for code := 1000; code <= 1015; code++ {
		want = append(want, "close."+strconv.Itoa(code))
	}
	for o := Opcode(0); o < 16; o++ {
		if !o.isReserved() {
			want = append(want, "opcode."+strconv.Itoa(int(o)), "field.websocket.opcode."+strconv.Itoa(int(o)))
		}
	}
	for _, lang := range []string{"en", "ja"} {
		keys := catalogKeys(t, lang)
		for _, k := range want {
			if _, ok := keys[k]; !ok {
				t.Errorf("web/i18n/%s.js has no %q", lang, k)
			}
		}
		for k, params := range templates {
			got, ok := keys[k]
			if !ok {
				t.Errorf("web/i18n/%s.js has no %q", lang, k)
			} else if got != params {
				t.Errorf("web/i18n/%s.js: %q names {%s}; Go's message has {%s}", lang, k, got, params)
			}
		}
	}
}
