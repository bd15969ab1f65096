module github.com/wsframe/wsframe

go 1.26.8
