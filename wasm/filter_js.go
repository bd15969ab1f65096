//go:build !js || full

package main

import "github.com/hack-pad/safejs"

// filterOp is wsframe.filter(expression, connection, progress), the full
// program's: it calls progress(done, total) now and then on a long search.
func filterOp(args []safejs.Value) string {
	expr, err := stringArg(args, 0, "expression")
	if err != nil {
		return errorJSON(0, err.Error())
	}
	conn := -1
	if len(args) > 1 && args[1].Type() == safejs.TypeNumber {
		conn, _ = args[1].Int()
	}
	var progress func(done, total int)
	if len(args) > 2 && args[2].Type() == safejs.TypeFunction {
		fn := args[2]
		progress = func(done, total int) { fn.Invoke(float64(done), float64(total)) }
	}
	return runFilter(expr, conn, progress)
}

// filterFieldsOp is wsframe.filterFields().
func filterFieldsOp([]safejs.Value) string { return filterFields() }
