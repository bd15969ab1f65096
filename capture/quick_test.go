package capture

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

// decodeQuick decodes capture b with run.quick on or off and returns the
// result as JSON.
func decodeQuick(t testing.TB, b []byte, on bool) []byte {
	quickOff = !on
	defer func() { quickOff = false }()
	out, err := json.Marshal(DecodeWith(bytes.NewReader(b), int64(len(b)), decoder.Options{}, Limits{MaxDecompressed: 1 << 24}, nil))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestQuickFlowsSameResult: finding a segment's connection in run.quick,
// and handing an in-order segment straight to its stream (half.straight),
// give the result the flow's key and the reassembler give, on every real peer's capture
// (some reordered, duplicated, cut or overlapping), the package's own,
// the generated ones, ports used again by a new connection, and many
// connections whose ports fall in the same entries.
func TestQuickFlowsSameResult(t *testing.T) {
	names, _ := filepath.Glob("../testdata/captures/*.pcap*")
	own, _ := filepath.Glob("testdata/*.pcap*")
	if len(names) < 10 || len(own) < 3 {
		t.Fatalf("%d real peers' captures, %d of the package's: some are missing", len(names), len(own))
	}
	ins := map[string][]byte{}
	for _, name := range append(names, own...) {
		if filepath.Ext(name) == ".json" {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		ins[name] = b
	}
	reuse := newConv("127.0.0.1:54012", "127.0.0.1:8080").Seed()
	reuse.Cseq += 100000
	reuse.Sseq += 200000
	reuse.Seed()
	ins["port-reuse"] = writePcap(le, false, linkEthernet, 65535, records(linkEthernet, reuse.Pkts, linkOpts{}))
	ins["benchmark"], _ = pcapwrite.Benchmark(1 << 20)
	ins["many"] = pcapwrite.ManyFrames(3000, 500, 70000)
	// 300 connections, 600 directions for the 512 pairs of entries of
	// run.quick, their packets interleaved.
	var pkts []testPacket
	for i := range 300 {
		c := newConv(fmt.Sprintf("10.0.0.1:%d", 20000+i), fmt.Sprintf("10.0.0.%d:8080", 2+i%3)).Seed()
		pkts = append(pkts, c.Pkts...)
	}
	interleaved := make([]testPacket, 0, len(pkts))
	for k := range 40 {
		for i := k; i < len(pkts); i += 40 {
			interleaved = append(interleaved, pkts[i])
		}
	}
	ins["interleaved"] = writePcap(le, false, linkEthernet, 65535, records(linkEthernet, interleaved, linkOpts{}))
	for name, b := range ins {
		if on, off := decodeQuick(t, b, true), decodeQuick(t, b, false); !bytes.Equal(on, off) {
			t.Errorf("%s: the results differ:\n%s", name, firstDiff(off, on))
		}
	}
}

// FuzzQuickFlows: on any bytes, finding a segment's connection in
// run.quick (and half.straight) gives the result the flow's key gives.
func FuzzQuickFlows(f *testing.F) {
	addTestdata(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if on, off := decodeQuick(t, b, true), decodeQuick(t, b, false); !bytes.Equal(on, off) {
			t.Errorf("the results differ:\n%s", firstDiff(off, on))
		}
	})
}

// TestQuickFlowsShare: on the benchmark's capture (64 connections, their
// segments interleaved) only each direction's first segment and the SYNs
// make and look up the flow's key; the others find their connection in
// run.quick. A change that makes the table miss (a hash that cancels, too
// few entries) fails here.
func TestQuickFlowsShare(t *testing.T) {
	b, _ := pcapwrite.Benchmark(2 << 20)
	r := &run{src: newMemorySource(b)}
	r.decode(false)
	// A SYN each way, then each direction's first segment without one.
	if want := 64 * 4; r.keyed != want {
		t.Errorf("%d segments took the flow key's way; want %d", r.keyed, want)
	}
}
