module github.com/wsframe/wsframe

go 1.24.0

require (
	github.com/evanw/esbuild v0.28.2
	github.com/hack-pad/safejs v0.1.0
	golang.org/x/crypto v0.45.0
)

require golang.org/x/sys v0.38.0 // indirect
