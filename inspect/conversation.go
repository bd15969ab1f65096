package inspect

import "github.com/wsframe/wsframe/decoder"

// DecodeConversation reads a paste of a conversation kind (HAR file or
// entry, Follow TCP Stream, dump of several packets), as Kit.Conversation
// in the native command and the page's full program; the first program,
// whose kit leaves it nil, only recognises them (Conversation) and leaves
// them to the full one, and so links none of these readers. ok is false
// when the paste turned out to be frames after all.
func DecodeConversation(kind Kind, data []byte, opts decoder.Options) (r *decoder.Result, ok bool) {
	switch kind {
	case KindHAR:
		return decodeHAR(data, opts), true
	case KindFollow:
		return decodeFollow(data, opts), true
	}
	return decodePackets(data, opts)
}
