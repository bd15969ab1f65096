// contract.js: JSDoc types of the decode result (docs/contract.md) and of
// the wasm API's frame detail: the declaration `make lint` type-checks the
// page against (tsc --checkJs). Types only; nothing here runs.

/**
 * @typedef {Object} Violation
 * @property {string} id        stable rule id, e.g. "control-too-long"
 * @property {string} rfc       where the rule is written, e.g. "6455 5.5"
 * @property {string} field     the field it concerns: a Field.name of the frame's field table
 * @property {string} message   in English, the rule's template filled from params
 * @property {Object<string, string|number>} params  the values the message is built from
 */

/**
 * @typedef {Object} Frame
 * @property {number} index
 * @property {number} [connection]
 * @property {'client'|'server'} from
 * @property {number} offset
 * @property {boolean} fin
 * @property {boolean} rsv1
 * @property {boolean} rsv2
 * @property {boolean} rsv3
 * @property {number} opcode
 * @property {string} opcode_name
 * @property {boolean} masked
 * @property {string} [mask_key]       hex
 * @property {number} payload_length
 * @property {string} payload          hex, unmasked, maybe cut to a preview
 * @property {boolean} [payload_truncated]
 * @property {Violation[]} violations
 * @property {number} header_length
 * @property {7|16|64} length_bits
 * @property {number} [missing]
 * @property {number} message          index of its message, or -1
 * @property {string} [time]           RFC 3339, captures only
 * @property {number} [packet]
 * @property {number} [record]         TLS record (in its direction) that completed it, on a decrypted connection
 * @property {number} [first_record]   TLS record its first byte came in, when another
 * @property {boolean} [reconstructed]  rebuilt from its message (a HAR, a payload shown as a message)
 */

/**
 * @typedef {Object} Message
 * @property {number} index
 * @property {number} [connection]
 * @property {'client'|'server'} from
 * @property {number} opcode
 * @property {string} opcode_name
 * @property {number[]} frames        in a frame's detail, at most 64 of them (see its message_frames_truncated); in a list row too (frames_truncated)
 * @property {boolean} [frames_truncated] a list row: frames lists its first 56 and last 8 of frames_total
 * @property {number} [frames_total]   a list row: how many frames the message has, when frames lists only some
 * @property {boolean} compressed
 * @property {string} data             hex, reassembled and inflated
 * @property {boolean} [data_truncated]
 * @property {string} [text]
 * @property {number} [close_code]
 * @property {string} [close_name]
 * @property {string} [close_reason]
 * @property {number} length
 * @property {number} [compressed_length]
 * @property {boolean} complete
 * @property {string} [problem]
 * @property {string} [problem_id]     problem's sentence (internal/msg), for the page's words
 * @property {Record<string, any>} [problem_params]
 * @property {Violation[]} [violations]
 * @property {import('./reading.js').Reading} [reading]  what the message says in its application protocol
 */

/**
 * @typedef {Object} Handshake
 * @property {string} key
 * @property {string} accept
 * @property {boolean} accept_valid
 * @property {string} [extensions]
 * @property {string} [subprotocol]
 * @property {HTTPHead} [request]
 * @property {HTTPHead} [response]
 * @property {HandshakeCheck[]} [checks]
 * @property {{key: string, guid: string, concatenated: string, sha1_hex: string, base64: string, received: string, match: boolean}} [accept_steps]
 *           whenever the request has a key; received is "" without a response
 * @property {Offer[]} [offered]       the client's Sec-WebSocket-Extensions
 * @property {Offer[]} [answered]      the server's
 * @property {string[]} [protocols]    the subprotocols the client offered
 * @property {Extension} [negotiated]  the compression extension in force
 * @property {{side: 'client'|'server', line?: number, message: string, id?: string, params?: Record<string, any>}[]} [problems]  what could not be read or checked
 * @property {boolean} [brief]         cut to its outcome (the option handshakes "brief"): handshake(connection) answers it whole
 */

/**
 * @typedef {Object} Offer
 * @property {string} name
 * @property {{name: string, value?: string, has_value?: boolean}[]} [params]
 * @property {number} column
 */

/**
 * @typedef {Object} Extension
 * @property {string} name   "permessage-deflate", "x-webkit-deflate-frame"...
 * @property {boolean} [server_no_context_takeover]
 * @property {boolean} [client_no_context_takeover]
 * @property {number} [server_max_window_bits]
 * @property {number} [client_max_window_bits]
 * @property {string} [explanation]  what the agreement means, in plain words
 */

/**
 * @typedef {Object} HTTPHead
 * @property {string} [method]
 * @property {string} [target]
 * @property {string} [version]
 * @property {number} [status]
 * @property {string} [reason]
 * @property {{name: string, value: string, line: number}[]} headers
 */

/**
 * @typedef {Object} HandshakeCheck
 * @property {string} id
 * @property {'client'|'server'} side
 * @property {string} rfc
 * @property {string} [header]   e.g. "Upgrade"
 * @property {boolean} passed
 * @property {string} message
 * @property {number} [line]
 * @property {string} message_id  its message's template: the check's id, or "id.case"
 * @property {Object<string, string|number>} params  the values the message is built from
 */

/**
 * @typedef {Object} Connection
 * @property {number} id
 * @property {string} client
 * @property {string} server
 * @property {Handshake} [handshake]
 * @property {number} frames
 * @property {number} messages
 * @property {boolean} [mid_stream]  the capture began after the handshake
 * @property {Gap[]} [gaps]
 * @property {number} [packets]
 * @property {TLS} [tls]            for a wss:// connection: its TLS layer
 * @property {import('./reading.js').App} [app]  an MQTT connection's packets (or the protocol its first message named)
 */

/**
 * The TLS layer of a connection (wss://).
 * @typedef {Object} TLS
 * @property {string} [version]       "TLS 1.3"
 * @property {string} [cipher_suite]  "TLS_AES_128_GCM_SHA256"
 * @property {string} [sni]
 * @property {string} [alpn]
 * @property {string[]} [alpn_offered]
 * @property {boolean} [extended_master_secret]
 * @property {boolean} [encrypt_then_mac]
 * @property {string} [keys]          "keylog" or "pcapng" (a Decryption Secrets Block); absent: none
 * @property {boolean} decrypted
 * @property {number} records         records decrypted
 * @property {string} [error]         why it is not (or no longer) decrypted
 * @property {string} [error_id]      error's sentence (internal/msg), for the page's words
 * @property {Record<string, any>} [error_params]
 * @property {{from: string, record?: number, offset: number, packet?: number, message: string, id?: string, params?: Record<string, any>}[]} [problems]
 */

/**
 * Bytes of a connection's stream that were never captured.
 * @typedef {Object} Gap
 * @property {'client'|'server'} from
 * @property {number} offset   in that direction's stream
 * @property {number} bytes
 * @property {number} [packet] the packet after the gap
 */

/**
 * @typedef {Object} InputError
 * @property {number} offset
 * @property {number} [line]
 * @property {number} [column]
 * @property {string} message
 * @property {string} [id]       message's sentence (internal/msg), for the page's words
 * @property {Record<string, any>} [params]
 * @property {string} [source]   "keylog": a line of the key log given with a capture (line and column are its)
 */

/**
 * What was decoded.
 * @typedef {Object} Input
 * @property {string} kind          "hex", "base64", "binary", "pcap", "pcapng", "har", "payload"
 * @property {string} [format]      the paste form, e.g. "xxd"
 * @property {number} bytes
 * @property {number} [text_bytes]
 * @property {{link: string, source: string, dest: string, offset: number}} [packet]  a pasted whole packet
 * @property {string} [start]       RFC 3339: a capture's first packet time
 * @property {number} [packets]     a pasted dump of several packets: how many
 * @property {string} [note]        what was found, in a sentence (packets and connections; a HAR's reconstructed frames)
 * @property {string} [note_id]     the note's sentence for the page's words: "har", "har-empty", "packets", "payload", "refused"
 * @property {Record<string, any>} [note_params]  its values (packets, tcp, websocket; connections, messages, deflate; as, from; kind, start)
 * @property {number} [tls_keys]    TLS sessions the key log and secrets blocks have secrets for
 * @property {number} [tls_sessions] the capture's TLS connections
 * @property {number} [tls_matched] those the keys given have secrets for (the others stay encrypted)
 * @property {string} [refused]     the kind of an input wsframe does not read ("png", "zip", "keylog", "binary" …): nothing decoded
 */

/**
 * @typedef {Object} Result
 * @property {1} version
 * @property {Input} input
 * @property {Connection[]} connections
 * @property {Frame[]} frames
 * @property {Message[]} messages
 * @property {InputError[]} errors
 * @property {Handshake} [handshake]   a handshake pasted before the frames
 * @property {{frames: number, messages: number}} [totals]  with options.rows: the lists were cut
 * @property {Hint} [hint]             pasted text that is not frames: what it looks like
 * @property {{offset: number, bytes: number, reason: string, reason_id?: string, reason_params?: Record<string, any>}} [stopped]  reading stopped at offset (memory budget)
 */

/**
 * @typedef {Object} Hint
 * @property {string} id          "payload-text", "payload-json", "payload-base64", "no-bytes", "not-frames"
 * @property {string} message
 * @property {string[]} [offers]  "text", "binary": options.as_payload values that show the paste as a message
 * @property {{frame?: number, n?: number, rules?: string, why?: string}} [params]  the values in message
 * @property {{id?: string, params?: Record<string, unknown>, message?: string}} [text]  message as a sentence (internal/msg)
 */

/**
 * One header field of a frame, in bits (RFC 6455 5.2 layout).
 * @typedef {Object} Field
 * @property {string} name        "websocket.fin", "websocket.masking_key", "websocket.payload"...
 * @property {string} filter      a Wireshark display filter that shows it
 * @property {string} label       "FIN", "Masking-key"...
 * @property {number} bit_offset  from the frame's first bit
 * @property {number} bit_length
 * @property {string} bits        the raw bits, "1" / "0001" (may be cut for the payload)
 * @property {string} value
 * @property {string} display
 * @property {string} meaning
 */

/**
 * @typedef {Object} UnmaskStep
 * @property {number} i         payload byte index
 * @property {number} masked    the byte on the wire
 * @property {number} key_index 0..3
 * @property {number} key       the key byte
 * @property {number} result    masked ^ key
 * @property {string} char
 */

/**
 * The detail of one frame of the last decode: wsframeGo.frame(i).
 * @typedef {Object} FrameDetail
 * @property {Frame} frame               with its full payload
 * @property {string} bytes              hex of the frame as on the wire (maybe capped)
 * @property {boolean} [bytes_truncated]
 * @property {number} header_length
 * @property {Field[]} fields
 * @property {UnmaskStep[]} steps
 * @property {number} steps_total
 * @property {Message|null} message
 * @property {number} [message_frames_total]     how many frames the message has, when message.frames lists only some
 * @property {boolean} [message_frames_truncated]
 * @property {number[]} [message_frames_cut_at] places in message.frames before which frames are left out
 * @property {Handshake|null} handshake
 * @property {Connection} [connection]        capture frames: their connection
 * @property {string} [compressed]            a compressed message's DEFLATE data, hex
 * @property {DeflateBlock[]} [deflate_blocks]
 * @property {string} [deflate_error]
 * @property {string} [deflate_error_id]          deflate_error's sentence (internal/msg), for the page's words
 * @property {Record<string, any>} [deflate_error_params]
 */

/**
 * One DEFLATE block (RFC 1951 3.2.3) of a compressed message.
 * @typedef {Object} DeflateBlock
 * @property {number} index
 * @property {number} bit_offset   from the data's first bit, least significant first
 * @property {number} bits         the block's size, header included
 * @property {boolean} final       BFINAL
 * @property {number} type         BTYPE: 0 stored, 1 fixed, 2 dynamic, 3 reserved
 * @property {string} type_name    "stored", "fixed Huffman", "dynamic Huffman"
 * @property {number} [len]        stored: LEN
 * @property {number} [hlit]
 * @property {number} [hdist]
 * @property {number} [hclen]
 * @property {number} literals
 * @property {number} matches
 * @property {number} output       bytes the block produces
 * @property {number} [max_distance]
 */

/**
 * Options for decode and decodeCapture.
 * @typedef {Object} DecodeOptions
 * @property {''|'client'|'server'} [from]
 * @property {string} [extension]
 * @property {string} [format]
 * @property {number} [inflate_limit]
 * @property {number} [preview]
 * @property {number} [rows]      list only the first rows (see Result.totals)
 */

export {};
