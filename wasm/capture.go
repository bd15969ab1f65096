package main

// decodeCaptureBytes is wsframe.decodeCapture: a capture file in, the
// contract's JSON out.
func decodeCaptureBytes(b []byte, o options) string {
	return errorJSON(0, "captures are not supported yet")
}
