package decoder

// SetLean turns the lean way into an index (lean.go) on or off, for the
// tests that compare it with the long way.
func SetLean(on bool) { leanOff = !on }

// Leaned counts the frames ix recorded the lean way.
func (ix *Index) Leaned() int { return ix.leaned }

// SetLeanRun turns the lean run (Index.leanRun) on or off.
func SetLeanRun(on bool) { leanRunOff = !on }

// Ran counts the frames ix recorded through the lean run.
func (ix *Index) Ran() int { return ix.ran }
