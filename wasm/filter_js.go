//go:build js && wasm && full

package main

import "github.com/hack-pad/safejs"

// The display filter's functions, in the full program.
func init() {
	fullOps["filter"] = func(args []safejs.Value) string {
		expr, err := stringArg(args, 0, "expression")
		if err != nil {
			return errorJSON(0, err.Error())
		}
		conn := -1
		if len(args) > 1 && args[1].Type() == safejs.TypeNumber {
			conn, _ = args[1].Int()
		}
		return runFilter(expr, conn, nil)
	}
	fullOps["filterFields"] = func([]safejs.Value) string { return filterFields() }
}
