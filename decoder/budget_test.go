package decoder

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"testing"

	"github.com/wsframe/wsframe/internal/measure"
	"github.com/wsframe/wsframe/reading"
)

// gzipFrames returns n unmasked binary frames, each a gzip member of size
// zeros.
func gzipFrames(n, size int) []byte {
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(make([]byte, size))
	w.Close()
	p := z.Bytes()
	frame := []byte{0x82, 126, 0, 0}
	binary.BigEndian.PutUint16(frame[2:], uint16(len(p)))
	frame = append(frame, p...)
	return bytes.Repeat(frame, n)
}

// TestReadingsInflationBudget: the readings of one decode inflate at most
// reading.DefaultBudget in all, whatever the number of messages (1x, 2x,
// 4x): the rows past it say so and cost nothing, and the work a listing
// does (bytes allocated) stays the same. A message read on its own (a
// frame's detail, WithWholeReading) is inflated whole.
func TestReadingsInflationBudget(t *testing.T) {
	const size = 1 << 20
	within := reading.DefaultBudget / size
	var alloc [3]float64
	for k, n := range []int{100, 200, 400} {
		r := DecodeBytes(gzipFrames(n, size), Input{}, Options{Reader: Readings{}})
		if len(r.Messages) != n {
			t.Fatalf("%d messages, want %d", len(r.Messages), n)
		}
		var rows []Message
		b, _ := measure.Allocs(func() { rows = r.WithReadings(r.Messages, true) })
		alloc[k] = float64(b)
		read, spent := 0, 0
		for i, m := range rows {
			switch rd := m.Reading; {
			case rd == nil:
				t.Fatalf("message %d: no reading", i)
			case rd.Error == nil:
				read++
			case rd.Error.ID == "rd.inflate.budget" && rd.Protocol == "gzip":
				spent++
			default:
				t.Fatalf("message %d: %+v", i, rd.Error)
			}
		}
		t.Logf("%d messages of %d bytes: %d inflated, %d past the budget; %.1f MiB allocated", n, size, read, spent, alloc[k]/(1<<20))
		if read != within || spent != n-within {
			t.Errorf("%d messages: %d inflated and %d past the budget; want %d and %d", n, read, spent, within, n-within)
		}
		// The last row, past the budget, read on its own: whole.
		if m := r.WithWholeReading(&r.Messages[n-1]); m.Reading == nil || m.Reading.Error != nil || m.Reading.Protocol != "gzip" {
			t.Errorf("message %d on its own: %+v", n-1, m.Reading)
		}
		// Another decode has a budget of its own.
		if again := DecodeBytes(gzipFrames(1, size), Input{}, Options{Reader: Readings{}}); again.WithReadings(again.Messages, true)[0].Reading.Error != nil {
			t.Errorf("a new decode starts past the budget")
		}
	}
	if alloc[2] > 1.5*alloc[0] {
		t.Errorf("the listing's allocations grow with the messages past the budget: %v", alloc)
	}
}

// TestReadingBudgetPerAnswer: each answer gets a budget of its own
// (NewReadingBudget, which the page's Summary and rows call), so the same
// rows asked again read the same.
func TestReadingBudgetPerAnswer(t *testing.T) {
	r := DecodeBytes(gzipFrames(100, 1<<20), Input{}, Options{Reader: Readings{}})
	first := r.WithReadings(r.Messages[:70], true)
	if first[0].Reading.Error != nil || first[69].Reading.Error == nil {
		t.Fatalf("first answer: %+v ... %+v", first[0].Reading, first[69].Reading)
	}
	if again := r.WithReadings(r.Messages[:1], true); again[0].Reading.Error == nil {
		t.Errorf("the same answer's budget was spent, yet message 0 was inflated again")
	}
	r.NewReadingBudget()
	if again := r.WithReadings(r.Messages[:1], true); again[0].Reading.Error != nil {
		t.Errorf("a new answer: message 0 %+v", again[0].Reading.Error)
	}
}
