package main

import (
	"fmt"
	"net/http"
	"strings"
)

// headerRule is one rule of a _headers file: a path pattern (exact, or a
// prefix ending in *) and the headers every response it matches carries.
type headerRule struct {
	pattern string
	headers [][2]string
}

// parseHeaders reads the _headers form of Netlify and Cloudflare Pages: a
// path pattern on a line of its own, then its headers, indented, as
// "Name: value"; # starts a comment.
func parseHeaders(text string) ([]headerRule, error) {
	var rules []headerRule
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			rules = append(rules, headerRule{pattern: strings.TrimSpace(line)})
			continue
		}
		name, value, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || len(rules) == 0 || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("line %d: %q is not an indented \"Name: value\" under a path", n+1, line)
		}
		r := &rules[len(rules)-1]
		r.headers = append(r.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
	}
	return rules, nil
}

func (r headerRule) matches(path string) bool {
	if p, ok := strings.CutSuffix(r.pattern, "*"); ok {
		return strings.HasPrefix(path, p)
	}
	return path == r.pattern
}

// withHeaders adds the headers of every rule that matches a request's path.
func withHeaders(rules []headerRule, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, rule := range rules {
			if rule.matches(r.URL.Path) {
				for _, h := range rule.headers {
					w.Header().Add(h[0], h[1])
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}
