package decoder

// A checkRule is one check of the opening handshake (RFC 6455 section 4,
// RFC 7692 section 7.1): its stable id, its section and the header it
// reads. Each outcome of a check has its message in checkMessages.
type checkRule struct {
	ID     string
	RFC    string
	Header string
}

// The checks of the opening handshake, in the order of the RFC's lists.
var (
	chkMethodGet        = checkRule{"method-get", "6455 4.1", ""}
	chkHTTPVersion      = checkRule{"http-version", "6455 4.1", ""}
	chkRequestTarget    = checkRule{"request-target", "6455 4.1", ""}
	chkHost             = checkRule{"host", "6455 4.1", "Host"}
	chkUpgrade          = checkRule{"upgrade-websocket", "6455 4.1", "Upgrade"}
	chkConnection       = checkRule{"connection-upgrade", "6455 4.1", "Connection"}
	chkKey              = checkRule{"key", "6455 4.1", "Sec-WebSocket-Key"}
	chkVersion13        = checkRule{"version-13", "6455 4.1", "Sec-WebSocket-Version"}
	chkExtensionsSyntax = checkRule{"extensions-syntax", "6455 9.1", "Sec-WebSocket-Extensions"}
	chkExtensionParams  = checkRule{"extension-params", "7692 7.1", "Sec-WebSocket-Extensions"}
	chkStatus101        = checkRule{"status-101", "6455 4.1", ""}
	chkVersionRefused   = checkRule{"version-refused", "6455 4.4", "Sec-WebSocket-Version"}
	chkAccept           = checkRule{"accept", "6455 4.1", "Sec-WebSocket-Accept"}
	chkSubprotocol      = checkRule{"subprotocol-offered", "6455 4.1", "Sec-WebSocket-Protocol"}
	chkExtensionOffered = checkRule{"extension-offered", "6455 4.1", "Sec-WebSocket-Extensions"}
	chkRSV1Conflict     = checkRule{"extension-rsv1-conflict", "7692 6", "Sec-WebSocket-Extensions"}
	handshakeCheckRules = []checkRule{chkMethodGet, chkHTTPVersion, chkRequestTarget, chkHost, chkUpgrade, chkConnection, chkKey, chkVersion13, chkExtensionsSyntax, chkExtensionParams, chkStatus101, chkVersionRefused, chkAccept, chkSubprotocol, chkExtensionOffered, chkRSV1Conflict}
)

// at starts a Check of r on side's head at line.
func (r checkRule) at(side Side, line int) Check {
	return Check{ID: r.ID, Side: side, RFC: r.RFC, Header: r.Header, Line: line}
}

// checkMessages are the messages of the checks' outcomes, by message id:
// the check's id for its main outcome, "id.case" for the others. {name}
// is filled from the check's params.
var checkMessages = map[string]string{
	"method-get":                       "the method is {method}; the opening handshake is a GET request",
	"http-version":                     "the version is {version}; the handshake needs HTTP/1.1 or higher",
	"http-version.unreadable":          `the version is "{version}"; expected HTTP/1.1`,
	"request-target":                   "the request-target is {target}",
	"request-target.not-a-path":        `the request-target is "{target}"; expected a path starting with '/' or an absolute ws:// or wss:// URI`,
	"request-target.fragment":          `the request-target "{target}" has a fragment (#); WebSocket URIs must not (RFC 6455 3)`,
	"host":                             `Host is "{value}"; it must name the server's host`,
	"host.missing":                     "no Host header; the request must name the server's host",
	"host.repeated":                    "Host appears {count} times; it must appear once (RFC 7230 5.4)",
	"upgrade-websocket":                `Upgrade is "{value}"; it must hold the token "websocket" (any case)`,
	"upgrade-websocket.missing":        `no Upgrade header; it must be present and hold "websocket"`,
	"connection-upgrade":               `Connection is "{value}"; its comma-separated list must hold the token "Upgrade" (any case)`,
	"connection-upgrade.missing":       `no Connection header; it must be present and list the token "Upgrade"`,
	"key":                              "Sec-WebSocket-Key decodes to 16 bytes: {bytes}",
	"key.missing":                      "no Sec-WebSocket-Key header; the client must send 16 random bytes, base64-encoded",
	"key.repeated":                     "Sec-WebSocket-Key appears {count} times; it must appear once (RFC 6455 11.3.1)",
	"key.not-base64":                   `Sec-WebSocket-Key "{key}" is not base64 ({error}); expected 16 random bytes, base64-encoded`,
	"key.length":                       `Sec-WebSocket-Key "{key}" decodes to {length} bytes; it must decode to 16 (24 base64 characters)`,
	"version-13":                       "Sec-WebSocket-Version is {version}; it must be 13",
	"version-13.missing":               "no Sec-WebSocket-Version header; it must be 13",
	"version-13.draft":                 "Sec-WebSocket-Version is {version}, from a draft of the protocol (hybi-07 to -12); RFC 6455 is version 13",
	"extensions-syntax":                "Sec-WebSocket-Extensions reads as {count} extension(s)",
	"extensions-syntax.invalid":        `Sec-WebSocket-Extensions "{value}": {problems}`,
	"extension-params":                 "{extension}: parameters valid",
	"extension-params.invalid":         "{extension}: {problems}",
	"status-101":                       "the status is {status} {reason}; the server accepts with 101 Switching Protocols, anything else refuses the upgrade",
	"version-refused":                  "the server refused version {asked} and lists the versions it speaks: {versions}",
	"version-refused.none":             "the server refused the upgrade, which named no version, and lists the versions it speaks: {versions}",
	"accept":                           "Sec-WebSocket-Accept {accept} is base64(SHA-1(key + GUID))",
	"accept.missing":                   "no Sec-WebSocket-Accept header; for this key it must be {expected}",
	"accept.repeated":                  "Sec-WebSocket-Accept appears {count} times; it must appear once (RFC 6455 11.3.3)",
	"accept.wrong":                     "Sec-WebSocket-Accept is {accept}, but base64(SHA-1(key + GUID)) is {expected}",
	"subprotocol-offered":              `the server chose subprotocol "{value}"; the client offered {offered}`,
	"subprotocol-offered.not-one":      `Sec-WebSocket-Protocol is "{value}"; the server chooses exactly one subprotocol`,
	"subprotocol-offered.none-offered": `the server chose subprotocol "{value}", but the client offered none`,
	"extension-offered":                "the server answered {extension}; the client offered {offered}",
	"extension-offered.none-offered":   "the server answered {extension}, but the client's offer names no extension that can be read",
	"extension-rsv1-conflict":          "the server agreed to {extensions}, but each gives RSV1 its meaning; only {used} is used here",
}
