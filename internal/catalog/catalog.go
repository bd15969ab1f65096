// Package catalog reads the page's language catalogs (web/i18n/*.js) for
// the Go tests that check every id Go emits has words there, with the same
// parameters: one reader of the catalogs' layout for all of them.
package catalog

import (
	"regexp"
	"slices"
	"strings"
)

// entry is one "key: 'text'," line: the key bare or quoted, the text in
// single or double quotes, a comma or none.
var entry = regexp.MustCompile(`(?m)^\s+(?:'([^']+)'|"([^"]+)"|([A-Za-z_][\w]*)):\s+(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"),?$`)

// Entries reads the entries of a catalog's source (or of one of its
// tables, Table): key to text, as written (escapes not undone).
func Entries(src string) map[string]string {
	out := map[string]string{}
	for _, m := range entry.FindAllStringSubmatch(src, -1) {
		out[m[1]+m[2]+m[3]] = m[4] + m[5]
	}
	return out
}

// Table returns the part of src from the line start (such as "export
// const sentences = {") to the table's end ("\n};"); false when src has no
// start.
func Table(src, start string) (string, bool) {
	i := strings.Index(src, start)
	if i < 0 {
		return "", false
	}
	src = src[i:]
	if end := strings.Index(src, "\n};"); end >= 0 {
		src = src[:end+1]
	}
	return src, true
}

var place = regexp.MustCompile(`\{(\w+)\}`)

// Params lists the {name} places of a template, sorted, each once, joined
// by commas.
func Params(tmpl string) string {
	var names []string
	for _, m := range place.FindAllStringSubmatch(tmpl, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ",")
}
