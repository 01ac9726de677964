#!/usr/bin/env bash
# Checks the contracts for breaking changes against what already landed: against main from a
# branch, or against the previous commit on main. With no earlier contracts there is nothing to
# compare, which is said rather than hidden.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"

branch=$(git rev-parse --abbrev-ref HEAD)
if [ "$branch" != "main" ] && git rev-parse -q --verify main >/dev/null; then
  ref=main
else
  # A shallow clone has no parent to compare with; fetch one more commit when we can.
  if ! git rev-parse -q --verify HEAD~1 >/dev/null && [ -f "$(git rev-parse --git-dir)/shallow" ]; then
    git fetch -q --deepen=1 2>/dev/null || true
  fi
  ref=HEAD~1
fi
if ! git rev-parse -q --verify "$ref" >/dev/null || ! git cat-file -e "$ref:proto/liaison" 2>/dev/null; then
  echo "buf breaking: no earlier contracts at $ref to compare against"
  exit 0
fi
echo "buf breaking against $ref"
buf breaking --against ".git#ref=$(git rev-parse "$ref")"
