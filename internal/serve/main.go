// Command serve serves the web page from a folder on localhost for
// development: `make serve`. It sets the MIME type browsers need to compile
// WebAssembly while downloading it, asks for no caching so a rebuild shows
// at once, and sends the headers of the folder's _headers: the Content-Security-Policy
// (with frame-ancestors, which a <meta> tag cannot set), the worker's own
// policy, nosniff and the referrer policy. It is not needed in production:
// any static host works, better one that sends those headers (README).
package main

import (
	"flag"
	"fmt"
	"log"
	"mime"
	"net"
	"net/http"
	"os"
	"path/filepath"
)

func main() {
	dir := flag.String("dir", "site", "folder to serve (make build writes it)")
	addr := flag.String("addr", "localhost:8080", "address to listen on (keep it on loopback)")
	flag.Parse()
	if _, err := os.Stat(*dir + "/wsframe.wasm"); err != nil {
		log.Fatalf("serve: %s/wsframe.wasm is missing; run `make build` first", *dir)
	}
	h, err := handler(*dir)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	fmt.Printf("wsframe: serving %s on http://%s/ (Ctrl-C stops)\n", *dir, ln.Addr())
	log.Fatal(http.Serve(ln, h))
}

// handler serves dir with the headers of dir/_headers.
func handler(dir string) (http.Handler, error) {
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".js", "text/javascript")
	text, err := os.ReadFile(filepath.Join(dir, "_headers"))
	if err != nil {
		return nil, fmt.Errorf("the page's headers: %v", err)
	}
	rules, err := parseHeaders(string(text))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", filepath.Join(dir, "_headers"), err)
	}
	files := http.FileServer(http.Dir(dir))
	return withHeaders(rules, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})), nil
}
