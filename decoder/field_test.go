package decoder

import (
	"strings"
	"testing"
)

// TestCloseFields_RFC6455_5_5_1 checks that a close frame's payload is drawn
// as its two parts, a 2-byte status code and a UTF-8 reason, and that the
// UTF-8 rule concerns the reason alone.
func TestCloseFields_RFC6455_5_5_1(t *testing.T) {
	tests := []struct {
		name, hex  string
		wantFields []string // names after the header
		code       string   // the status code's Display
		reason     string   // the reason's Value
		reasonBad  bool
	}{
		{"code and reason", "88 05 03 e8 62 79 65", []string{"websocket.payload.close.status_code", "websocket.payload.close.reason"}, "1000 Normal Closure", `"bye"`, false},
		{"masked", "88 85 11 22 33 44 12 ca 51 3d 74", []string{"websocket.payload.close.status_code", "websocket.payload.close.reason"}, "1000 Normal Closure", `"bye"`, false},
		{"code only", "88 02 03 e9", []string{"websocket.payload.close.status_code"}, "1001 Going Away", "", false},
		{"reason not UTF-8", "88 04 0f a0 c3 28", []string{"websocket.payload.close.status_code", "websocket.payload.close.reason"}, "4000 private use", "c3 28", true},
		{"reason in Japanese, a control and a bidi mark escaped", "88 15 03 e8 e3 81 95 e3 82 88 e3 81 86 e3 81 aa e3 82 89 1b e2 80 ae", []string{"websocket.payload.close.status_code", "websocket.payload.close.reason"}, "1000 Normal Closure", `"さようなら\u001b\u202e"`, false},
		{"empty", "88 00", []string{"websocket.payload"}, "", "", false},
		{"one byte", "88 01 03", []string{"websocket.payload"}, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := decodeHex(t, tt.hex, Options{})
			f := &r.Frames[0]
			fields := Fields(f, false)
			var names []string
			byName := map[string]Field{}
			for _, fl := range fields {
				byName[fl.Name] = fl
				if strings.HasPrefix(fl.Name, "websocket.payload") && !strings.HasPrefix(fl.Name, "websocket.payload_length") {
					names = append(names, fl.Name)
				}
			}
			if strings.Join(names, " ") != strings.Join(tt.wantFields, " ") {
				t.Fatalf("payload fields = %v, want %v", names, tt.wantFields)
			}
			if tt.code == "" {
				return
			}
			c := byName["websocket.payload.close.status_code"]
			if c.Display != tt.code || c.BitOffset != 8*f.HeaderLength || c.BitLength != 16 || len(c.Bits) != 16 {
				t.Errorf("status code = %+v", c)
			}
			if tt.reason == "" {
				return
			}
			rs := byName["websocket.payload.close.reason"]
			if rs.Value != tt.reason || rs.BitOffset != c.BitOffset+16 || rs.BitLength != 8*(len(f.Payload)-2) {
				t.Errorf("reason = %+v", rs)
			}
			if got := strings.Contains(rs.Meaning, "is not"); got != tt.reasonBad {
				t.Errorf("reason meaning %q: says invalid = %v, want %v", rs.Meaning, got, tt.reasonBad)
			}
			var utf8Viol []string
			for _, v := range f.Violations {
				if strings.Contains(v.ID, "utf8") {
					utf8Viol = append(utf8Viol, v.ID)
				}
			}
			if want := map[bool]string{true: "close-reason-invalid-utf8", false: ""}[tt.reasonBad]; strings.Join(utf8Viol, " ") != want {
				t.Errorf("UTF-8 violations = %v, want %q", utf8Viol, want)
			}
		})
	}
}
