// Package checks holds deploy/ to the binaries and to itself: its tests render every
// kustomize overlay and decode it strictly, parse the compose file with the compose-spec
// loader, run the image script against a stand-in docker, and apply the rules of package
// policy to all of them. It has no code of its own; `go test ./...` in deploy/ runs it.
package checks
