package filter

import (
	"fmt"
	"sort"
)

// Error is a filter that cannot be read: where (the 1-based column, in
// characters) and what is wrong.
type Error struct {
	Column  int    `json:"column"`
	Message string `json:"message"`
	// Suggest lists field names near a misspelt one, nearest first.
	Suggest []string `json:"suggest,omitempty"`
}

// Error formats the error as "column 12: unknown field 'opcod', did you
// mean 'opcode'?".
func (e *Error) Error() string { return fmt.Sprintf("column %d: %s", e.Column, e.Message) }

func errorAt(col int, format string, args ...any) *Error {
	return &Error{Column: col, Message: fmt.Sprintf(format, args...)}
}

// unknownField is the error for a name that is no field, with the nearest
// names of the table.
func unknownField(t token) *Error {
	near := Nearest(t.text, 3)
	e := errorAt(t.col, "unknown field '%s'", t.text)
	switch len(near) {
	case 0:
		e.Message += "; the fields are listed in docs/filters.md (wsframe -filter help)"
	case 1:
		e.Message += fmt.Sprintf(", did you mean '%s'?", near[0])
	default:
		e.Message += fmt.Sprintf(", did you mean '%s' or '%s'?", near[0], near[1])
	}
	e.Suggest = near
	return e
}

// Nearest returns up to n field names within a small edit distance of
// name (a third of its length, at least 1, at most 3), nearest first; a
// name that starts like the misspelt one comes first among equals.
func Nearest(name string, n int) []string {
	limit := min(max(len(name)/3, 1), 3)
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for i := range table {
		f := &table[i]
		if d := distance(name, f.Name, limit); d <= limit {
			cs = append(cs, cand{f.Name, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	out := make([]string, 0, min(n, len(cs)))
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.name)
	}
	return out
}

// distance is the edit distance (insertions, deletions, substitutions and
// swaps of neighbours) between a and b, stopping early past limit. Both
// are short: field names.
func distance(a, b string, limit int) int {
	if len(a) > 64 || len(b) > 64 {
		return limit + 1
	}
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
