module github.com/un-liaison/liaison/services/registry

go 1.26.0

require (
	github.com/un-liaison/liaison/gen v0.0.0
	github.com/un-liaison/liaison/platform v0.0.0
)

require golang.org/x/text v0.44.0 // indirect

replace (
	github.com/un-liaison/liaison/gen => ../../gen
	github.com/un-liaison/liaison/platform => ../../platform
)
