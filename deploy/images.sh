#!/usr/bin/env bash
# Builds liaison's container images from deploy/Dockerfile:
#   liaison/registry, liaison/accreditation, liaison/events, liaison/gateway, and
#   liaison/idplogin (the dev identity provider's sign-in app)
#
# usage: deploy/images.sh [TAG]        (TAG defaults to $TAG, then "dev")
#   IMAGE_PREFIX=registry.example.org/liaison deploy/images.sh 1.4.0
#
# It needs a reachable Docker engine (or anything that answers the docker CLI, e.g. podman's
# docker shim); without one it says so and exits 2, so `make images` fails loudly rather than
# pretending to have built something.
set -euo pipefail

tag="${1:-${TAG:-dev}}"
prefix="${IMAGE_PREFIX:-liaison}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# name and the package path of its binary, from the repository root.
images=(
	"registry services/registry/cmd/registry"
	"accreditation services/accreditation/cmd/accreditation"
	"events services/events/cmd/events"
	"gateway gateway/cmd/gateway"
	# The identity provider's sign-in app, for the dev overlay and compose only.
	"idplogin cmd/idplogin"
)

if ! command -v docker >/dev/null 2>&1; then
	echo "images: the docker CLI is not installed, so no image was built." >&2
	echo "images: install Docker (or podman with its docker shim) on a machine that runs an engine, then run: make images" >&2
	exit 2
fi
if ! docker info >/dev/null 2>&1; then
	echo "images: no Docker engine is reachable ('docker info' failed), so no image was built." >&2
	echo "images: start the engine or point DOCKER_HOST at one, then run: make images" >&2
	exit 2
fi

cd "$root"
for entry in "${images[@]}"; do
	read -r name binary <<<"$entry"
	echo "images: building ${prefix}/${name}:${tag} from ${binary}"
	docker build -f deploy/Dockerfile --build-arg "BINARY=${binary}" -t "${prefix}/${name}:${tag}" .
done
echo "images: built ${#images[@]} images tagged ${tag}"
