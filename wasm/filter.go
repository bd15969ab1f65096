//go:build !js || full

package main

import (
	"strconv"

	"github.com/wsframe/wsframe/filter"
)

// filterAnswer is what filter(expr, connection) returns: the frames and
// messages of the last decode that match, in order, and how many there
// are in all; or, for a filter that cannot be read, the problem (not an
// error of the decoder: the page shows it under the box).
type filterAnswer struct {
	Frames   []int         `json:"frames"`
	Messages []int         `json:"messages"`
	Of       filterTotals  `json:"of"`
	Cost     string        `json:"cost,omitempty"`
	Problem  *filter.Error `json:"problem,omitempty"`
}

type filterTotals struct {
	Frames   int `json:"frames"`
	Messages int `json:"messages"`
}

// runFilter is wsframe.filter: the last decode's frames (and their
// messages) that expr keeps, on one connection when connection >= 0.
func runFilter(expr string, connection int, progress filter.Progress) string {
	if view == nil {
		return errorJSON(0, "nothing has been decoded yet")
	}
	last := view.Result()
	f, err := filter.Parse(expr)
	if err != nil {
		e, _ := err.(*filter.Error)
		return marshal(filterAnswer{Frames: []int{}, Messages: []int{}, Problem: e})
	}
	if connection >= 0 {
		// The connection chosen in the list is one more test.
		conn := "conn == " + strconv.Itoa(connection)
		if !f.Empty() {
			conn += " and (" + expr + ")"
		}
		if f, err = filter.Parse(conn); err != nil {
			return errorJSON(0, err.Error())
		}
	}
	src := filter.FromResult(last)
	if ix := view.Index(); ix != nil {
		src = filter.FromIndex(ix, last)
	}
	of := filterTotals{view.Frames(), view.Messages()}
	frames, messages, err := filter.Run(f, src, progress)
	if err != nil {
		return errorJSON(0, err.Error())
	}
	return marshal(filterAnswer{Frames: frames, Messages: messages, Of: of, Cost: f.Cost().String()})
}

// filterField is one row of the field table, for the page's completion
// list and help.
type filterField struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Doc     string `json:"doc"`
	Example string `json:"example"`
}

// filterFields is wsframe.filterFields: the filter language's fields.
func filterFields() string {
	var out []filterField
	for _, f := range filter.Fields() {
		out = append(out, filterField{f.Name, f.Type.String(), f.Doc, f.Example})
	}
	return marshal(out)
}
