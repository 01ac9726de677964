module github.com/un-liaison/liaison/services/accreditation

go 1.26.0

require (
	github.com/un-liaison/liaison/gen v0.0.0
	github.com/un-liaison/liaison/platform v0.0.0
)

replace (
	github.com/un-liaison/liaison/gen => ../../gen
	github.com/un-liaison/liaison/platform => ../../platform
)
