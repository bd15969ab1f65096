package detail

import "github.com/wsframe/wsframe/decoder"

// Index is the index the view's frames and messages are in, or nil when
// they are in its result (a paste): for a display filter (package filter)
// that answers from the index's records.
func (v *View) Index() *decoder.Index {
	if l, ok := v.lists.(*inIndex); ok {
		return l.ix
	}
	return nil
}
