package decoder

// SetLean turns the lean way into an index (lean.go) on or off, for the
// tests that compare it with the long way.
func SetLean(on bool) { leanOff = !on }

// Leaned counts the frames ix recorded the lean way.
func (ix *Index) Leaned() int { return ix.leaned }
