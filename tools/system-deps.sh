#!/usr/bin/env bash
# Install the system programs the build needs when they are missing:
#   dot (Graphviz: torchviz draws computation graphs with it), node + npm (KaTeX turns the math into MathML),
#   and, with --browser, chromium (the browser tests and Lighthouse; $CHROMIUM may name another Chromium, e.g. a CI runner's Chrome).
# Installs with apt-get as root on Debian/Ubuntu; otherwise says exactly what to install.
set -euo pipefail

declare -A package=([dot]=graphviz [node]=nodejs [npm]=npm [chromium]=chromium)
wanted=(dot node npm)
[ "${1:-}" = --browser ] && wanted+=(chromium)

missing=()
for cmd in "${wanted[@]}"; do
  [ "$cmd" = chromium ] && [ -x "${CHROMIUM:-}" ] && continue
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${package[$cmd]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "error: missing system packages: ${missing[*]}" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "  run as root:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
else
  echo "  not a Debian/Ubuntu system. With Homebrew: brew install ${missing[*]/nodejs/node}" >&2
  echo "  (Graphviz, Node.js and Chromium from your system's package manager work too)" >&2
fi
exit 1
