package main

import "github.com/wsframe/wsframe/decoder"

// term readies text that came from the input for the terminal: control
// characters (which could set the window title, write the clipboard with
// OSC 52 or clear the screen), bidirectional controls, zero-width and other
// invisible characters, and bytes that are not UTF-8 become visible marks
// (decoder.Visible). Everything the command prints from the input goes
// through it, or through %q, which escapes the same characters.
func term(s string) string { return decoder.Visible(s) }
