package decoder

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// catalogKeys reads the keys of one of the page's catalogs (web/i18n/*.js):
// one "key: 'text'," or "'key': 'text'," a line.
func catalogKeys(t *testing.T, lang string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "web", "i18n", lang+".js"))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	re := regexp.MustCompile(`(?m)^\s+(?:'([^']+)'|([A-Za-z_][\w]*)):\s`)
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		keys[m[1]+m[2]] = true
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
	for mid, tmpl := range checkMessages {
		id, _, _ := strings.Cut(mid, ".")
		want = append(want, "check."+id)
		if strings.Contains(tmpl, "{") {
			want = append(want, "check."+mid+".detail")
		}
	}
	for _, r := range rules {
		if strings.Contains(r.Message, "{") {
			want = append(want, "viol."+r.ID+".detail")
		}
	}
	for code := 1000; code <= 1015; code++ {
		want = append(want, "close."+strconv.Itoa(code))
	}
	for o := Opcode(0); o < 16; o++ {
		if !o.IsReserved() {
			want = append(want, "opcode."+strconv.Itoa(int(o)), "field.websocket.opcode."+strconv.Itoa(int(o)))
		}
	}
	for _, lang := range []string{"en", "ja"} {
		keys := catalogKeys(t, lang)
		for _, k := range want {
			if !keys[k] {
				t.Errorf("web/i18n/%s.js has no %q", lang, k)
			}
		}
	}
}
