# Sourced by scripts/test (and so by .ci/run): the federation tests compose mailgql's subgraph
# with another one using Apollo's composition library, and query both through Apollo's gateway
# (a router); both run on Node.js. Installs node and npm with apt-get when they are missing and
# this user may (root, or passwordless sudo), then the pinned npm packages into
# .cache/federation (git-ignored), once; otherwise stops with one line saying what to install.
# Run it directly (bash scripts/_federation.sh) to install them alone.

FEDERATION_PACKAGES=(
  "@apollo/composition@2.14.4" "@apollo/gateway@2.14.4" "@apollo/subgraph@2.14.4"
  "graphql@16.15.0"
)

ensure_federation_tools() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local dir="$root/.cache/federation"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
      if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
      else
        sudo="-"
      fi
    fi
    if command -v apt-get >/dev/null 2>&1 && [ "$sudo" != "-" ]; then
      local log
      log="$(mktemp "${TMPDIR:-/tmp}/mailgql-apt.XXXXXX")"
      echo "installing nodejs and npm with apt-get (the federation tests compose a supergraph)" >&2
      if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        $sudo env DEBIAN_FRONTEND=noninteractive \
          apt-get install -y -qq --no-install-recommends nodejs npm; } >"$log" 2>&1; then
        cat "$log" >&2
      fi
      rm -f "$log"
    fi
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
      echo "the federation tests need Node.js 18 or newer and npm: install them (Debian/Ubuntu: sudo apt-get install nodejs npm; macOS: brew install node)" >&2
      exit 1
    fi
  fi
  # The packages, pinned; reinstalled only when the pins change.
  local stamp="$dir/.installed"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "${FEDERATION_PACKAGES[*]}" ]; then
    return 0
  fi
  mkdir -p "$dir"
  echo "installing ${FEDERATION_PACKAGES[*]} into .cache/federation with npm" >&2
  if ! npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
    "${FEDERATION_PACKAGES[@]}" >&2; then
    echo "npm could not install ${FEDERATION_PACKAGES[*]} (is the npm registry reachable?)" >&2
    exit 1
  fi
  echo "${FEDERATION_PACKAGES[*]}" >"$stamp"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  ensure_federation_tools
fi
