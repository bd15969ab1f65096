// Command serve serves the web page from a folder on localhost for
// development: `make serve`. It sets the MIME type browsers need to compile
// WebAssembly while downloading it, and asks for no caching so a rebuild
// shows at once. It is not needed in production: any static host works.
package main

import (
	"flag"
	"fmt"
	"log"
	"mime"
	"net"
	"net/http"
	"os"
)

func main() {
	dir := flag.String("dir", "web", "folder to serve")
	addr := flag.String("addr", "localhost:8080", "address to listen on (keep it on loopback)")
	flag.Parse()
	if _, err := os.Stat(*dir + "/wsframe.wasm"); err != nil {
		log.Fatalf("serve: %s/wsframe.wasm is missing; run `make build` first", *dir)
	}
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".js", "text/javascript")
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	fmt.Printf("wsframe: serving %s on http://%s/ (Ctrl-C stops)\n", *dir, ln.Addr())
	files := http.FileServer(http.Dir(*dir))
	log.Fatal(http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})))
}
