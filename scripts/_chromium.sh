# Sourced by scripts/test and .ci/run: the GraphiQL test drives Debian's headless Chromium
# (/usr/bin/chromium), so make sure it is installed. Installs it with apt-get when it is missing
# and this user may (root, or passwordless sudo); otherwise stops with one line saying what to
# install.

ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then
    return 0
  fi
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
    echo "installing chromium with apt-get (the GraphiQL test runs in a headless browser)" >&2
    # apt-get update once, first: a fresh machine has no package lists.
    if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      $sudo env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
      cat "$log" >&2
    fi
    rm -f "$log"
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    echo "the tests need Chromium at /usr/bin/chromium: install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
    exit 1
  fi
}
