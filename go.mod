module github.com/un-liaison/liaison

go 1.26.0

require (
	github.com/un-liaison/liaison/gateway v0.0.0
	github.com/un-liaison/liaison/gen v0.0.0
	github.com/un-liaison/liaison/platform v0.0.0
	github.com/un-liaison/liaison/services/accreditation v0.0.0
	github.com/un-liaison/liaison/services/events v0.0.0
	github.com/un-liaison/liaison/services/registry v0.0.0
)

replace (
	github.com/un-liaison/liaison/gateway => ./gateway
	github.com/un-liaison/liaison/gen => ./gen
	github.com/un-liaison/liaison/platform => ./platform
	github.com/un-liaison/liaison/services/accreditation => ./services/accreditation
	github.com/un-liaison/liaison/services/events => ./services/events
	github.com/un-liaison/liaison/services/registry => ./services/registry
)
