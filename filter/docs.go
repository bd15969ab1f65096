package filter

import (
	"fmt"
	"strings"
)

// Markdown writes docs/filters.md: the language, then the field table,
// from the one table the parser reads (filter's tests check the file is
// what this writes; `go test ./filter -update` rewrites it).
func Markdown() string {
	var b strings.Builder
	b.WriteString(`# Display filters

wsframe's display filters pick frames, as Wireshark's do packets. The page has a filter box over
its lists (applied as you type; the lists and the ladder then show only what matches, and the count
says "312 of 985,088 frames"); the command takes ` + "`-filter EXPR`" + ` for its list, ` + "`-json`" + `,
` + "`-jsonl`" + `, ` + "`-stats`" + `, ` + "`-frame`" + ` and ` + "`-follow`" + `.

` + "```" + `text
opcode == close and close.code != 1000
dir == client and text contains "error"
socketio.event == "chat message" or mqtt.topic matches "^sensors/"
not fin and len > 125
violation == "control-too-long"
` + "```" + `

A filter tests each frame. A message is listed when one of its frames matches; the fields of a
frame's message (` + "`text`" + `, ` + "`bytes`" + `, the readings' fields) answer for each of its frames.

## The language

- A **test** is a field alone, true when the frame has a value for it (a boolean field: when it
  is set; ` + "`violation`" + `: when there is any), or ` + "`field operator value`" + `.
- **Operators**: ` + "`==`" + ` ` + "`!=`" + ` ` + "`<`" + ` ` + "`<=`" + ` ` + "`>`" + ` ` + "`>=`" + ` (also ` + "`eq ne lt le gt ge`" + `), ` + "`contains`" + ` (strings and bytes),
  ` + "`matches`" + ` (a regular expression in RE2 syntax, for strings). Each type takes the ones listed below.
- **Joining**: ` + "`and`" + ` (` + "`&&`" + `), ` + "`or`" + ` (` + "`||`" + `), ` + "`not`" + ` (` + "`!`" + `) and parentheses; ` + "`not`" + ` binds
  tightest, then ` + "`and`" + `, then ` + "`or`" + `.
- **Values**: numbers (` + "`125`" + `, ` + "`0x7e`" + `, ` + "`1.5`" + `), opcodes by name or number, ` + "`client`" + ` and ` + "`server`" + `,
  ` + "`true`" + ` and ` + "`false`" + `, strings in double or single quotes (escapes ` + "`\\\" \\\\ \\n \\t \\r \\0 \\xHH \\uHHHH`" + `;
  a bare word is read as a string too), and bytes as hex (` + "`48:65:6c`" + `, ` + "`48656c`" + `) or as a quoted string.
- A field with several values (the violations of a frame, the topics of the MQTT packets a
  message carries) matches when one of them does; ` + "`!=`" + ` on it means none is equal.
- A field the frame has no value for fails every comparison (` + "`close.code != 1000`" + ` is false for a
  text frame); ` + "`not`" + ` turns that round.
- Errors say where: "column 1: unknown field 'opcod', did you mean 'opcode'?".

## What a filter reads

Fields of the **record** are answered from what is held of every frame, without reading the
input again: a filter made of them runs over millions of frames at once. The others read again
what they need, on demand: the frame's **header** (a few bytes; ` + "`len`" + ` only for frames of 126 bytes
or more), its **payload**, its **message** (joined and inflated again), or the message's
**reading** in its application protocol.

## Fields

| field | type | reads | what it is | example |
| --- | --- | --- | --- | --- |
`)
	for _, f := range table {
		doc := f.Doc
		if len(f.Protocols) > 0 {
			doc += " (" + strings.Join(f.Protocols, ", ") + ")"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | `%s` |\n", f.Name, f.Type, f.Cost, strings.ReplaceAll(doc, "|", "\\|"), strings.ReplaceAll(f.Example, "|", "\\|"))
	}
	b.WriteString(`
## Types and their operators

| type | operators | values |
| --- | --- | --- |
`)
	vals := map[Type]string{Bool: "`true`, `false` (or the field alone)", Int: "whole numbers, decimal or `0x` hex", Number: "numbers, such as `1.5`",
		String: "quoted strings; `matches` takes RE2", Bytes: "hex (`48:65:6c`) or a quoted string", Opcode: "`continuation` `text` `binary` `close` `ping` `pong`, or 0 to 15", Dir: "`client`, `server`"}
	for t := Bool; t <= Dir; t++ {
		ops := make([]string, len(opsOf[t]))
		for i, o := range opsOf[t] {
			ops[i] = "`" + o + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", t, strings.Join(ops, " "), vals[t])
	}
	b.WriteString(`
The readings' fields come from the readings table of package reading, keyed by protocol name
(filter/readings.go): a new reader brings its fields by adding its rows there.
`)
	return b.String()
}
