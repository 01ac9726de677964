#!/usr/bin/env bash
# Pins every third-party image and build base to the digest its tag names today, keeping the tag
# beside it for the reader (name:tag@sha256:...). This is also how to bump one: edit its tag (or
# leave it, to take the tag's newest build), run this, review the diff, run the checks, commit.
#
#   deploy/pin-images.sh            # needs `crane` (go-containerregistry) or `docker buildx`
set -euo pipefail
cd "$(dirname "$0")"

files=(
  k8s/base/otel-collector.yaml
  k8s/overlays/dev/jaeger.yaml k8s/overlays/dev/postgres.yaml k8s/overlays/dev/redis.yaml k8s/overlays/dev/mailpit.yaml
  identity/provider.yaml
  compose/compose.yaml
  Dockerfile
)

digest_of() {
  if command -v crane >/dev/null; then
    crane digest "$1"
  else
    docker buildx imagetools inspect "$1" --format '{{.Manifest.Digest}}'
  fi
}

# Image references on `image:`, `FROM` and `ARG ..._IMAGE=` lines that are not liaison's own builds.
refs() {
  sed -nE -e 's/^[[:space:]]*(image:|FROM)[[:space:]]+([^[:space:]]+).*/\2/p' \
    -e 's/^ARG [A-Z_]*IMAGE=([^[:space:]]+).*/\1/p' "$@" |
    grep -vE '^liaison/|\$\{' | sort -u
}

for ref in $(refs "${files[@]}"); do
  tagged=${ref%@*}
  digest=$(digest_of "$tagged")
  [[ $digest =~ ^sha256:[0-9a-f]{64}$ ]] || { echo "no digest for $tagged: $digest" >&2; exit 1; }
  [[ $ref == "$tagged@$digest" ]] && continue
  echo "$tagged -> $digest"
  for f in "${files[@]}"; do
    # Replace the reference as a whole word, pinned or not, so a second run only moves digests.
    sed -i -E "s#([[:space:]=])${tagged//./\\.}(@sha256:[0-9a-f]{64})?([[:space:]]|\$)#\1${tagged}@${digest}\3#g" "$f"
  done
done
