//go:build !js || full

package main

import (
	"errors"

	"github.com/hack-pad/safejs"
)

// await waits for v when it is a Promise (anything with a then method) and
// returns what it settles to; any other value is returned as it is. The
// goroutine blocks; the event loop runs meanwhile.
func await(v safejs.Value) (safejs.Value, error) {
	then, err := v.Get("then")
	if err != nil || then.Type() != safejs.TypeFunction {
		return v, nil
	}
	type settled struct {
		v   safejs.Value
		err error
	}
	done := make(chan settled, 1)
	arg := func(args []safejs.Value) safejs.Value {
		if len(args) == 0 {
			return safejs.Undefined()
		}
		return args[0]
	}
	ok, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		done <- settled{v: arg(args)}
		return nil
	})
	if err != nil {
		return v, err
	}
	defer ok.Release()
	fail, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		done <- settled{err: jsError(arg(args))}
		return nil
	})
	if err != nil {
		return v, err
	}
	defer fail.Release()
	if _, err := v.Call("then", ok.Value(), fail.Value()); err != nil {
		return v, err
	}
	s := <-done
	return s.v, s.err
}

// jsError is a rejected Promise's reason as a Go error: its message when
// it is an Error, else its text.
func jsError(reason safejs.Value) error {
	if reason.Type() == safejs.TypeObject {
		if m, err := reason.Get("message"); err == nil && m.Type() == safejs.TypeString {
			s, _ := m.String()
			return errors.New(s)
		}
	}
	s, _ := reason.String()
	return errors.New(s)
}
