package capture

import "encoding/binary"

// Link types this package reads (https://www.tcpdump.org/linktypes.html).
const (
	linkNull     = 0   // BSD/macOS loopback: 4-byte address family in the writer's byte order
	linkEthernet = 1   // Ethernet II, with 802.1Q / 802.1ad tags
	linkRaw12    = 12  // raw IP (DLT_RAW on most systems)
	linkRaw14    = 14  // raw IP (DLT_RAW on OpenBSD)
	linkRaw      = 101 // raw IP, version from the first nibble
	linkLoop     = 108 // OpenBSD loopback: 4-byte address family, big-endian
	linkSLL      = 113 // Linux cooked capture v1
	linkIPv4     = 228 // raw IPv4
	linkIPv6     = 229 // raw IPv6
	linkSLL2     = 276 // Linux cooked capture v2
)

// linkNames names the link types read here, for messages.
var linkNames = map[uint32]string{
	linkNull: "null/loopback", linkEthernet: "Ethernet", linkRaw12: "raw IP", linkRaw14: "raw IP",
	linkRaw: "raw IP", linkLoop: "OpenBSD loopback", linkSLL: "Linux cooked v1", linkIPv4: "raw IPv4",
	linkIPv6: "raw IPv6", linkSLL2: "Linux cooked v2",
}

// linkSupported reports whether packets of link type t can be read.
func linkSupported(t uint32) bool {
	_, ok := linkNames[t]
	return ok
}

// netProto is the network layer a link header announces.
type netProto uint8

const (
	netOther netProto = iota
	netIPv4
	netIPv6
)

// EtherTypes of the protocols read here, and of the VLAN tags skipped.
const (
	etherIPv4   = 0x0800
	etherIPv6   = 0x86dd
	etherVLAN   = 0x8100 // 802.1Q
	etherQinQ   = 0x88a8 // 802.1ad
	etherQinQ91 = 0x9100 // pre-standard QinQ
	maxVLANTags = 4
)

// Address families found in loopback headers: AF_INET is 2 everywhere,
// AF_INET6 is 10 on Linux, 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS.
func familyProto(af uint32) netProto {
	switch af {
	case 2:
		return netIPv4
	case 10, 24, 28, 30:
		return netIPv6
	}
	return netOther
}

func etherProto(t uint16) netProto {
	switch t {
	case etherIPv4:
		return netIPv4
	case etherIPv6:
		return netIPv6
	}
	return netOther
}

// linkPayload strips the link layer header of type t from b and returns the
// network protocol it announces and that protocol's bytes. It returns
// netOther for anything but IPv4 and IPv6, or when b is too short.
func linkPayload(t uint32, b []byte) (netProto, []byte) {
	switch t {
	case linkEthernet:
		// destination(6) source(6) type(2), with tags of 4 bytes before the type.
		if len(b) < 14 {
			return netOther, nil
		}
		off := 12
		et := binary.BigEndian.Uint16(b[off:])
		for tags := 0; (et == etherVLAN || et == etherQinQ || et == etherQinQ91) && tags < maxVLANTags; tags++ {
			off += 4
			if len(b) < off+2 {
				return netOther, nil
			}
			et = binary.BigEndian.Uint16(b[off:])
		}
		return etherProto(et), b[off+2:]
	case linkNull:
		if len(b) < 4 {
			return netOther, nil
		}
		af := binary.LittleEndian.Uint32(b)
		if af&0xffff0000 != 0 {
			af = binary.BigEndian.Uint32(b) // written by a big-endian machine
		}
		return familyProto(af), b[4:]
	case linkLoop:
		if len(b) < 4 {
			return netOther, nil
		}
		return familyProto(binary.BigEndian.Uint32(b)), b[4:]
	case linkSLL:
		// packet type(2) ARPHRD(2) address length(2) address(8) protocol(2)
		if len(b) < 16 {
			return netOther, nil
		}
		return etherProto(binary.BigEndian.Uint16(b[14:])), b[16:]
	case linkSLL2:
		// protocol(2) reserved(2) interface(4) ARPHRD(2) packet type(1) address length(1) address(8)
		if len(b) < 20 {
			return netOther, nil
		}
		return etherProto(binary.BigEndian.Uint16(b[0:])), b[20:]
	case linkRaw, linkRaw12, linkRaw14, linkIPv4, linkIPv6:
		if len(b) < 1 {
			return netOther, nil
		}
		switch b[0] >> 4 {
		case 4:
			return netIPv4, b
		case 6:
			return netIPv6, b
		}
	}
	return netOther, nil
}
