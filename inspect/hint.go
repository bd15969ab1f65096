package inspect

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/har"
	"github.com/wsframe/wsframe/internal/jsontext"
	"github.com/wsframe/wsframe/internal/msg"
)

// hint says what pasted text looks like when it decoded to nothing
// plausible as frames: no byte at all, frames whose headers break several
// rules at once, or text (JSON, words, base64) that reads as a message
// payload as DevTools shows it. A paste that reads as frames gets none.
//
// textErrs counts the problems reading the text itself (not its frames).
//
// raw are the bytes the text reads as: when they chain as frames to their
// end, whatever rules the frames break (a frame built wrong on purpose),
// they are frames, and "not-frames" is not said.
func hint(text, raw []byte, r *decoder.Result, textErrs int) *decoder.Hint {
	t := bytes.TrimSpace(text)
	if len(t) == 0 || plausible(r) {
		return nil
	}
	words := isWords(t)
	switch {
	case (t[0] == '{' || t[0] == '[') && isJSON(t):
		return said(&decoder.Hint{ID: "payload-json", Offers: []string{"text"}},
			msg.New("hint.payload-json", "This looks like a JSON message payload as DevTools shows it, not frame bytes: DevTools lists what messages carry, never the frames around them."))
	case r.Input.Kind == "base64" && textErrs == 0 && !words:
		why, params := brokenRules(r)
		return said(&decoder.Hint{ID: "payload-base64", Offers: []string{"binary", "text"}, Params: params},
			msg.New("hint.payload-base64", "This looks like a binary message payload in base64, as DevTools shows binary messages, not frame bytes (read as frames, {why}).", "why", why))
	case words && utf8.Valid(t):
		return said(&decoder.Hint{ID: "payload-text", Offers: []string{"text"}},
			msg.New("hint.payload-text", "This looks like a text message payload as DevTools shows it, not frame bytes: it reads as words, not as hex or base64."))
	case r.Input.Bytes == 0:
		return said(&decoder.Hint{ID: "no-bytes", Offers: []string{"text"}},
			msg.New("hint.no-bytes", "Nothing here reads as bytes in any paste form wsframe knows (hex, dumps, C or Python literals, base64)."))
	case textErrs == 0 && !Chain(raw).Chains():
		why, params := brokenRules(r)
		return said(&decoder.Hint{ID: "not-frames", Offers: []string{"binary"}, Params: params},
			msg.New("hint.not-frames", "These bytes do not read as WebSocket frames ({why}). They may be a message's payload rather than a frame.", "why", why))
	}
	return nil
}

// said gives h its sentence: Text, and Message its English.
func said(h *decoder.Hint, t msg.Text) *decoder.Hint {
	h.Text, h.Message = t, t.Message
	return h
}

// plausible reports whether r reads as frames: at least one, and none
// whose header breaks two rules or more at once (a length running past the
// end of the input counts as one). A frame breaking one rule, or a message
// rule such as a bad close code, is a lesson, not a misreading; but base64
// comes from DevTools' messages far more often than from frames, so there
// one broken header rule is enough.
func plausible(r *decoder.Result) bool {
	if len(r.Frames) == 0 || len(r.Errors) > 0 {
		return false
	}
	enough := 2
	if r.Input.Kind == "base64" {
		enough = 1
	}
	for i := range r.Frames {
		if len(headerRules(&r.Frames[i])) >= enough {
			return false
		}
	}
	return true
}

// headerRules lists the rules of the frame header (RFC 6455 5.2) that f
// breaks, "truncated" among them when its length runs past the input; a
// rule broken by several bits (RSV2 and RSV3 set) is one rule.
//
//go:noinline
func headerRules(f *decoder.Frame) []string {
	var ids []string
	for _, v := range f.Violations {
		if strings.Contains(headerRuleIDs, " "+v.ID+" ") && !slices.Contains(ids, v.ID) {
			ids = append(ids, v.ID)
		}
	}
	return ids
}

// headerRuleIDs are the violation IDs of header rules, each between spaces.
const headerRuleIDs = " reserved-opcode rsv-without-extension control-too-long control-fragmented" +
	" non-minimal-length length-top-bit-set rsv1-on-control rsv1-on-continuation" +
	" continuation-without-message truncated "

// ruleWords says each header rule in a few words, for a hint, id then
// words: the ids are for programs (the page's words are by id), never
// shown as text. A list, not a map built at start.
var ruleWords = [...]string{
	"reserved-opcode", "a reserved opcode",
	"rsv-without-extension", "an RSV bit no extension defines",
	"control-too-long", "a control frame over 125 bytes",
	"control-fragmented", "a fragmented control frame",
	"non-minimal-length", "a length not in its shortest form",
	"length-top-bit-set", "a 64-bit length with its top bit set",
	"rsv1-on-control", "RSV1 on a control frame",
	"rsv1-on-continuation", "RSV1 on a continuation frame",
	"continuation-without-message", "a continuation with no message to continue",
	"truncated", "a length past the end of the input",
}

// ruleWord is the words of rule id, or the id.
func ruleWord(id string) string {
	for i := 0; i+1 < len(ruleWords); i += 2 {
		if ruleWords[i] == id {
			return ruleWords[i+1]
		}
	}
	return id
}

// brokenRules says how the first implausible frame breaks the rules, in
// a sentence (the rules in words) and as the hint's params: frame, n and
// rules (the rule ids, comma-separated, for programs and the page's words),
// or why: "no-header" or "cut".
func brokenRules(r *decoder.Result) (msg.Text, decoder.Params) {
	for i := range r.Frames {
		f := &r.Frames[i]
		if ids := headerRules(f); len(ids) > 0 {
			said := make([]string, len(ids))
			for i, id := range ids {
				said[i] = ruleWord(id)
			}
			return msg.Plural("hint.rules", len(ids), "frame {frame} breaks {n} rule: {rules}", "frame {frame} breaks {n} rules: {rules}", "frame", f.Index, "rules", strings.Join(said, ", ")),
				decoder.Params{"frame": f.Index, "n": len(ids), "rules": strings.Join(ids, ", ")}
		}
	}
	if len(r.Frames) == 0 {
		return msg.New("hint.why.no-header", "not one whole frame header"), decoder.Params{"why": "no-header"}
	}
	return msg.New("hint.why.cut", "they end inside a frame"), decoder.Params{"why": "cut"}
}

// isWords reports whether t reads as words of text rather than hex or
// base64: at least half of its space-separated words hold a letter beyond
// a-f, or punctuation no paste form uses, or are a single character of
// base64. t has no space at either end.
func isWords(t []byte) bool {
	fields, wordy := 0, 0
	for len(t) > 0 {
		// The next field: bytes.Fields would weigh 1 KB of gzip.
		i := 0
		for i < len(t) && isSpace(t[i]) {
			i++
		}
		j := i
		for j < len(t) && !isSpace(t[j]) {
			j++
		}
		f := t[i:j]
		t = t[j:]
		if len(f) == 0 {
			break
		}
		fields++
		hexish := true
		for _, c := range f {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ',' || c == ':' || c == 'x') {
				hexish = false
				break
			}
		}
		// One long word of base64 letters is base64, not prose.
		if !hexish && !(len(t) == 0 && fields == 1 && len(f) >= 8 && isBase64Word(f)) {
			wordy++
		}
	}
	return wordy*2 >= fields && wordy > 0
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isBase64Word(f []byte) bool {
	upper, lower := false, false
	for _, c := range f {
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9', c == '+', c == '/', c == '=', c == '-', c == '_':
		default:
			return false
		}
	}
	return upper && lower
}

// isJSON reports whether t is JSON text; jsontext.Valid rather than Parse,
// whose scanner would weigh 16 KB of gzip in the page's first program.
func isJSON(t []byte) bool { return jsontext.Valid(t) }

// decodeAsPayload shows pasted text as the payload of one message, in the
// frame a server would send for it (a client's, masked with a random key,
// with -from client), marked reconstructed.
func decodeAsPayload(text []byte, opts decoder.Options) *decoder.Result {
	in := decoder.Input{Kind: "payload", Format: opts.AsPayload, TextBytes: len(text)}
	var payload []byte
	op := decoder.OpText
	switch opts.AsPayload {
	case "text":
		payload = bytes.TrimRight(text, "\r\n")
	case "binary":
		op = decoder.OpBinary
		b, _, errs := decoder.ParseInput(bytes.TrimSpace(text), opts.Format)
		if len(errs) > 0 || len(b) == 0 {
			b = bytes.TrimRight(text, "\r\n") // the text's own bytes
		}
		payload = b
	default:
		s := decoder.NewSession(in, opts)
		s.Say(0, msg.New("option.as-payload.cli", "as-payload is {value}; use \"text\" or \"binary\"", "value", strconv.Quote(opts.AsPayload)))
		return s.Result()
	}
	in.Bytes = int64(len(payload))
	client := opts.From == decoder.Client
	frame := har.AppendMessageFrame(nil, op, payload, client, har.RandomKey())
	r := decoder.DecodeBytes(frame, in, opts)
	for i := range r.Frames {
		r.Frames[i].Reconstructed = true
	}
	who := "a server"
	if client {
		who = "a client (masked with a random key)"
	}
	r.Input.NoteID, r.Input.NoteParams = "payload", decoder.Params{"as": opts.AsPayload, "from": string(decoder.Server)}
	if client {
		r.Input.NoteParams["from"] = string(decoder.Client)
	}
	r.Input.Note = fmt.Sprintf("The paste shown as the payload of one %s message: the frame is reconstructed, as %s would send it.", op.String(), who)
	return r
}
