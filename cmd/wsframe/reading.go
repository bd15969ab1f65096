package main

import (
	"fmt"
	"strings"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/reading"
)

// protocolUsage explains -protocol.
var protocolUsage = "read messages as this application protocol: auto (by subprotocol, URL path, then content), none, or one of " +
	strings.Join(reading.Protocols, ", ") + "; e.g. -protocol mqtt for pasted MQTT frames"

// checkProtocol checks -protocol's value.
func checkProtocol(p string) error {
	if !reading.Valid(p) {
		return fmt.Errorf("-protocol is %q; use auto, none or one of %s", p, strings.Join(reading.Protocols, ", "))
	}
	return nil
}

// readingNote is a message's reading in the list view: " [mqtt: PUBLISH a/b QoS 0: hi]".
func readingNote(m *decoder.Message) string {
	r := m.Reading
	if r == nil {
		return ""
	}
	s := " [" + r.Protocol + ": " + visible(r.Summary)
	if r.Error != nil && !strings.Contains(r.Summary, r.Error.Message) {
		s += " (" + visible(r.Error.Error()) + ")"
	}
	return s + "]"
}

// writeApp lists the packets a connection carried as a byte stream (MQTT).
func writeApp(b *strings.Builder, a *reading.App, pal palette) {
	if a == nil {
		return
	}
	fmt.Fprintf(b, "  %s: %d packets", a.Protocol, a.Total)
	if a.Cut {
		fmt.Fprintf(b, " (the first %d listed)", len(a.Packets))
	}
	b.WriteString("\n")
	for _, p := range a.Packets {
		line := fmt.Sprintf("    %s %s messages %v", arrow(decoder.Side(p.From)), visible(p.Summary), p.Messages)
		if p.Error != nil {
			line = pal.bad(line)
		}
		b.WriteString(line + "\n")
	}
}

// writeReading prints a message's whole reading: its summary and its tree
// of fields with their byte ranges.
func writeReading(b *strings.Builder, m *decoder.Message) {
	r := m.Reading
	if r == nil {
		return
	}
	fmt.Fprintf(b, "\nreading of message %d (%s, chosen by %s): %s\n", m.Index, r.Protocol, r.By, visible(r.Summary))
	if r.Error != nil {
		fmt.Fprintf(b, "  error at byte %d: %s\n", r.Error.Offset, visible(r.Error.Message))
	}
	writeFields(b, r.Fields, 1)
	if r.Inner != nil {
		fmt.Fprintf(b, "  inflated, read as %s: %s\n", r.Inner.Protocol, visible(r.Inner.Summary))
		writeFields(b, r.Inner.Fields, 2)
	}
}

func writeFields(b *strings.Builder, fs []reading.Field, depth int) {
	for _, f := range fs {
		fmt.Fprintf(b, "%s%-*s bytes %d-%d", strings.Repeat("  ", depth), 0, visible(f.Name), f.Start, f.End)
		if f.Value != "" {
			b.WriteString("  " + visible(f.Value))
		}
		b.WriteString("\n")
		if depth < 12 {
			writeFields(b, f.Fields, depth+1)
		}
	}
}

// visible makes control, bidi and other invisible characters of untrusted
// text visible (as term does), so that no escape sequence reaches the
// terminal.
func visible(s string) string { return term(s) }
