package capture

// Packet is one packet read by itself, as `tshark -x` or Wireshark's "Copy
// as Hex Dump" of a whole frame shows it, with the TCP payload found in it.
type Packet struct {
	Link    string // the link layer it read as: "Ethernet", "raw IP", ...
	Source  string // 10.1.1.1:50000, [::1]:8080
	Dest    string
	Offset  int    // where the TCP payload starts in the packet
	Payload []byte // the TCP payload
}

// packetLinks are the link layers a lone packet is tried as, most common
// first.
var packetLinks = []uint32{linkEthernet, linkRaw, linkSLL2, linkSLL, linkNull}

// ReadPacket reads b as one captured packet: Ethernet, raw IP, Linux cooked
// capture or BSD loopback, then IPv4 or IPv6, then TCP. ok is false when b
// is a TCP packet under none of them, or carries no TCP payload: then b is
// most likely not a packet but WebSocket frames themselves.
func ReadPacket(b []byte) (p Packet, ok bool) {
	link, ip, tcp, ok := tcpIn(b, true)
	if !ok {
		return Packet{}, false
	}
	src := endpoint{addr: ip.src, v6: ip.v6, port: tcp.srcPort}
	dst := endpoint{addr: ip.dst, v6: ip.v6, port: tcp.dstPort}
	return Packet{
		Link:    linkNames[link],
		Source:  src.String(),
		Dest:    dst.String(),
		Offset:  cap(b) - cap(tcp.payload),
		Payload: tcp.payload,
	}, true
}

// tcpIn finds the first link layer under which b reads as a TCP segment
// over IPv4 or IPv6, with a payload if withPayload. A lone packet must
// hold all its IP payload: this also keeps frame bytes from being misread
// as an IP header.
func tcpIn(b []byte, withPayload bool) (link uint32, ip ipHeader, tcp tcpHeader, ok bool) {
	for _, link := range packetLinks {
		proto, rest := linkPayload(link, b)
		if proto == netOther || !ip.decode(proto, rest) || ip.proto != protoTCP || ip.later {
			continue
		}
		if ip.claimed != len(ip.payload) || !tcp.decode(ip.payload, ip.claimed) || withPayload && len(tcp.payload) == 0 {
			continue
		}
		return link, ip, tcp, true
	}
	return 0, ip, tcp, false
}
