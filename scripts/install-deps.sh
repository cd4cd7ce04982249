#!/usr/bin/env bash
# Installs what lontar needs to build a site (make site), from Debian/Ubuntu
# packages; with --tests, also what the test suite needs (make test, CI):
# more packages and the browser tests' npm packages. Installs only what is
# missing; uses sudo when not run as root.
#
#   scripts/install-deps.sh           build lontar and sites
#   scripts/install-deps.sh --tests   and run the tests
set -euo pipefail

tests=0
case "${1:-}" in
  "") ;;
  --tests) tests=1 ;;
  *) echo "install-deps: unknown argument '$1' (expected --tests)" >&2; exit 2 ;;
esac

packages=(
  build-essential cmake pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev liblua5.4-dev libgit2-dev libyaml-dev
  libstemmer-dev libgraphviz-dev libcmocka-dev git
  # the handbook's PDF (optional at run time; the tests read it back)
  weasyprint poppler-utils hyphen-id fonts-dejavu-core fonts-dejavu-extra
)
if [ "$tests" -eq 1 ]; then
  packages+=(
    python3 hugo time cmark-gfm nodejs
    # the browser tests (tests/browser) drive Debian's Chromium, never a
    # downloaded one
    chromium
  )
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: this script knows Debian and Ubuntu (apt-get) only." >&2
  echo "Install these with your system's package manager, then run make again:" >&2
  printf '  %s\n' "${packages[@]}" >&2
  exit 1
fi

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# apt_install PACKAGE...: installs them, updating the package lists once.
updated=""
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "install-deps: need root (or sudo) to install: $*" >&2
      exit 1
    fi
  fi
  echo "install-deps: installing $*"
  if [ -z "$updated" ]; then
    $sudo apt-get update -qq
    updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
[ "$tests" -eq 1 ] || exit 0

# Debian's nodejs comes without npm (NodeSource's includes it).
command -v npm >/dev/null 2>&1 || apt_install npm

# The browser tests' npm packages (playwright-core, axe-core), exactly as
# tests/browser/package-lock.json pins them; installed again whenever the
# lock file changes (the stamp keeps the hash npm ci was run for).
browser="$(cd "$(dirname "$0")/../tests/browser" && pwd)"
stamp="$browser/node_modules/.lock-sha256"
want=$(sha256sum <"$browser/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "install-deps: npm ci in tests/browser"
  (cd "$browser" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$want" >"$stamp"
fi
