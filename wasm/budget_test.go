//go:build !js || full

package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// TestRowsReadingBudget: the page's first rows and each later call for rows
// inflate their readings within a budget of their own (64 MiB): of 100
// gzip'd messages of 1 MiB the first answer reads 64, and rows asked again
// later, the first ones or the last, read the same as the first time.
func TestRowsReadingBudget(t *testing.T) {
	out := decodeCaptureBytes(pcapwrite.GzipBombs(100, 1<<20), options{Rows: 100, Preview: 64})
	var s struct{ Messages []budgetRow }
	if err := json.Unmarshal([]byte(out), &s); err != nil || len(s.Messages) != 100 {
		t.Fatalf("%v: %.300s", err, out)
	}
	spent := func(ms []budgetRow) (n int) {
		for _, m := range ms {
			if m.Reading == nil || m.Reading.Protocol != "gzip" {
				t.Fatalf("a row without its gzip reading: %+v", m.Reading)
			}
			if m.Reading.Error != nil && m.Reading.Error.ID == "rd.inflate.budget" {
				n++
			}
		}
		return n
	}
	if n := spent(s.Messages); n != 36 {
		t.Errorf("first answer: %d of 100 rows past the budget, want 36", n)
	}
	for _, start := range []int{0, 90, 0} {
		var page []budgetRow
		got := rows("messages", start, 10, options{Preview: 64})
		if err := json.Unmarshal([]byte(got), &page); err != nil || len(page) != 10 {
			t.Fatalf("rows(%d): %v %.200s", start, err, got)
		}
		if n := spent(page); n != 0 {
			t.Errorf("rows(messages, %d, 10): %d past the budget; each call has its own", start, n)
		}
	}
	if d := frame(99, options{}); !strings.Contains(d, `"gzip"`) || strings.Contains(d, "rd.inflate.budget") {
		t.Errorf("frame 99 in detail: %.300s", d)
	}
}

// budgetRow is a message row's reading, as much as the test reads.
type budgetRow struct {
	Reading *struct {
		Protocol string
		Error    *struct{ ID string }
	}
}
