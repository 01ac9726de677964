module github.com/un-liaison/liaison/gen

go 1.26.0
