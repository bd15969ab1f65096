package capture

// The capture tests write their inputs with tools/pcapwrite; these
// names keep the tests short.

import (
	"encoding/hex"
	"time"

	"github.com/wsframe/wsframe/decoder"
	"github.com/wsframe/wsframe/tools/pcapwrite"
)

type (
	conv       = pcapwrite.Conv
	testPacket = pcapwrite.Packet
	record     = pcapwrite.Record
	linkOpts   = pcapwrite.LinkOpts
	ngIface    = pcapwrite.Iface
)

var (
	records     = pcapwrite.Records
	wrap        = pcapwrite.Wrap
	snap        = pcapwrite.Snap
	writePcap   = pcapwrite.Pcap
	writePcapng = pcapwrite.Pcapng
	gzipped     = pcapwrite.Gzip
)

// The seed article's exchange (decoder.SeedRequest) at the time it was recorded.
var (
	seedRequest     = decoder.SeedRequest
	seedResponse    = decoder.SeedResponse
	seedServerFrame = []byte(decoder.SeedServerFrame)
	seedClientFrame = []byte(decoder.SeedClientFrame)
	seedTime        = time.Date(2016, 2, 11, 9, 30, 0, 123456000, time.UTC)
)

func newConv(cli, srv string) *conv { return pcapwrite.NewConv(cli, srv, seedTime) }

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}
