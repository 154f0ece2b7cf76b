# Sourced by scripts/test and .ci/run: the cache tests run against a real Redis, so make sure
# redis-server is installed. Installs it with apt-get when it is missing and this user may
# (root, or passwordless sudo); otherwise stops with one line saying what to install.

ensure_redis_server() {
  if command -v redis-server >/dev/null 2>&1; then
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
    echo "installing redis-server with apt-get (the cache tests run against a real Redis)" >&2
    # RUNLEVEL=1: the package's service is not started; the tests start their own server.
    if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      $sudo env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
        apt-get install -y -qq --no-install-recommends redis-server; } >"$log" 2>&1; then
      cat "$log" >&2
    fi
    rm -f "$log"
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "the tests need redis-server: install it (Debian/Ubuntu: sudo apt-get install redis-server; Fedora: sudo dnf install redis; macOS: brew install redis)" >&2
    exit 1
  fi
}
