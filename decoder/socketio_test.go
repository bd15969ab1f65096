package decoder

import (
	"encoding/json"
	"testing"
)

// TestParseSocketIO reads Engine.IO v4 and Socket.IO v5 packets as
// socket.io's own documentation writes them.
func TestParseSocketIO(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{`0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000}`, `{"engine_type":0,"engine":"open","data":"{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[],\"pingInterval\":25000}"}`},
		{`2`, `{"engine_type":2,"engine":"ping"}`},
		{`3probe`, `{"engine_type":3,"engine":"pong","data":"probe"}`},
		{`40`, `{"engine_type":4,"engine":"message","type":0,"packet":"CONNECT"}`},
		{`40/admin,{"sid":"oSO0OpakMV_3jnilAAAA"}`, `{"engine_type":4,"engine":"message","type":0,"packet":"CONNECT","namespace":"/admin","data":"{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"}`},
		{`42["chat message","hello"]`, `{"engine_type":4,"engine":"message","type":2,"packet":"EVENT","event":"chat message","data":"[\"chat message\",\"hello\"]"}`},
		{`4213["ping"]`, `{"engine_type":4,"engine":"message","type":2,"packet":"EVENT","ack_id":13,"event":"ping","data":"[\"ping\"]"}`},
		{`43/admin,13["bar"]`, `{"engine_type":4,"engine":"message","type":3,"packet":"ACK","namespace":"/admin","ack_id":13,"data":"[\"bar\"]"}`},
		{`451-["hello",{"_placeholder":true,"num":0}]`, `{"engine_type":4,"engine":"message","type":5,"packet":"BINARY_EVENT","attachments":1,"event":"hello","data":"[\"hello\",{\"_placeholder\":true,\"num\":0}]"}`},
		{`41`, `{"engine_type":4,"engine":"message","type":1,"packet":"DISCONNECT"}`},
	}
	for _, tt := range tests {
		got, _ := json.Marshal(ParseSocketIO(tt.text))
		if string(got) != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
	for _, text := range []string{"", "hello", "9x", "{}"} {
		if p := ParseSocketIO(text); p != nil {
			t.Errorf("%q read as %+v", text, p)
		}
	}
}

// TestSocketIOConnection annotates only the messages of a connection whose
// handshake asked for /socket.io/.
func TestSocketIOConnection(t *testing.T) {
	text := "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
		"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n" +
		"81 05 34 32 5b 5d 31\n" // 42[]1 from the server
	r := Decode([]byte(text), Options{Reader: Readings{}})
	if len(r.Messages) != 1 || r.Messages[0].SocketIO == nil || r.Messages[0].SocketIO.Packet != "EVENT" {
		t.Fatalf("messages %+v", r.Messages)
	}
	r = Decode([]byte("81 05 34 32 5b 5d 31"), Options{Reader: Readings{}})
	if r.Messages[0].SocketIO != nil {
		t.Errorf("a message with no Socket.IO handshake was read as Socket.IO")
	}
}
