module github.com/wsframe/wsframe

go 1.26.8

require github.com/hack-pad/safejs v0.1.0
