#!/usr/bin/env bash
# Installs what lontar needs to build and test, from Debian/Ubuntu packages.
# Installs only what is missing; uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev liblua5.4-dev libgit2-dev libyaml-dev
  libstemmer-dev libgraphviz-dev libcmocka-dev
  # the handbook's PDF (optional at run time; the tests read it back)
  weasyprint poppler-utils hyphen-id fonts-dejavu-core fonts-dejavu-extra
  python3 git hugo time cmark-gfm nodejs
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: this script knows Debian and Ubuntu (apt-get) only." >&2
  echo "Install these with your system's package manager, then run make again:" >&2
  printf '  %s\n' "${packages[@]}" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
