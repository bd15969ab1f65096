package paste

import (
	"bytes"
	"fmt"

	"github.com/wsframe/wsframe/internal/msg"
)

// Error is input that could not be decoded at all, placed by byte offset
// and, in text, by line and column.
type Error struct {
	Offset  int64  `json:"offset"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	// ID and Params name Message's sentence for the page's words
	// (internal/msg); absent for a message that has no id yet.
	ID     string     `json:"id,omitempty"`
	Params msg.Params `json:"params,omitempty"`
	// Source is "keylog" for a line of the key log given with a capture
	// (Options.KeyLog), whose Line and Column it names; empty for the input.
	Source string `json:"source,omitempty"`
}

// ErrorAt is an Error at offset saying m.
func ErrorAt(offset int64, m msg.Text) Error {
	return Error{Offset: offset, Message: m.Message, ID: m.ID, Params: m.Params}
}

// Error formats the error with its place: "line 3, column 17 (byte 22): ...".
func (e Error) Error() string {
	if e.Source == "keylog" {
		return fmt.Sprintf("key log line %d, column %d: %s", e.Line, e.Column, e.Message)
	}
	if e.Line > 0 {
		return fmt.Sprintf("line %d, column %d (byte %d): %s", e.Line, e.Column, e.Offset, e.Message)
	}
	return fmt.Sprintf("byte %d: %s", e.Offset, e.Message)
}

// Place fills in line and column (1-based, counting bytes) of each
// error from its offset in text, in one pass over the text however many
// errors there are.
func Place(text []byte, errs []Error) {
	// Errors by offset (an insertion sort: a paste reports a few dozen at most).
	order := make([]int, len(errs))
	for i := range order {
		k := i
		for k > 0 && errs[order[k-1]].Offset > errs[i].Offset {
			order[k] = order[k-1]
			k--
		}
		order[k] = i
	}
	line, lineStart, at := 1, 0, 0 // the line holding text[at], and where it starts
	for _, i := range order {
		off := int(min(max(errs[i].Offset, 0), int64(len(text))))
		for {
			k := bytes.IndexByte(text[at:off], '\n')
			if k < 0 {
				break
			}
			line++
			at += k + 1
			lineStart = at
		}
		at = off
		errs[i].Line, errs[i].Column = line, off-lineStart+1
	}
}
