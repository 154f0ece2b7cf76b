#!/usr/bin/env bash
# Run the graphql-http server audits (GraphQL-over-HTTP conformance, MUST, SHOULD and MAY) against
# a gateway and print one line per audit. Exits non-zero unless every audit passes.
# Usage: scripts/http-audit.sh [URL]
#   URL: a running gateway's endpoint, e.g. http://127.0.0.1:8000/graphql. Without it the script
#   starts `mailgql demo` on a free port of 127.0.0.1, audits it, then stops it.
# Needs node (18 or later, for fetch) and npm. graphql-http goes into a temporary folder under
# /tmp, never into the repository.
set -euo pipefail

GRAPHQL_HTTP_VERSION="1.23.1"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/mailgql-http-audit.XXXXXX)"
demo_pid=""

cleanup() {
    if [[ -n "$demo_pid" ]]; then
        kill "$demo_pid" 2>/dev/null || true
        wait "$demo_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

npm install --prefix "$work" --silent --no-audit --no-fund --no-save \
    "graphql-http@$GRAPHQL_HTTP_VERSION" "graphql@16" >/dev/null

url="${1:-}"
if [[ -z "$url" ]]; then
    python="$root/.venv/bin/python"
    [[ -x "$python" ]] || python="python3"
    port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "$python" -m mailgql demo --host 127.0.0.1 --port "$port" >"$work/demo.log" 2>&1 &
    demo_pid=$!
    url="http://127.0.0.1:$port/graphql"
    # Ready once /readyz answers 200 (the lifespan has opened the upstream clients).
    node -e '
        const readyz = process.argv[1];
        const deadline = Date.now() + 30000;
        (async function poll() {
            try {
                if ((await fetch(readyz)).ok) return;
            } catch {}
            if (Date.now() > deadline) {
                console.error("the demo gateway did not become ready within 30 s");
                process.exit(1);
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
            await poll();
        })();
    ' "http://127.0.0.1:$port/readyz" || { cat "$work/demo.log" >&2; exit 1; }
fi

cat >"$work/audit.js" <<'EOF'
const { auditServer } = require("graphql-http");

(async () => {
  const url = process.argv[2];
  const results = await auditServer({ url });
  const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
  for (const result of results) {
    counts[result.status] += 1;
    console.log(`${result.status.padEnd(6)} ${result.id} ${result.name}`);
    if (result.status !== "ok") console.log(`       ${result.reason}`);
  }
  console.log(
    `\n${results.length} audits against ${url}: ${counts.ok} ok, ${counts.notice} notices, ` +
      `${counts.warn} warnings (SHOULD), ${counts.error} errors (MUST)`,
  );
  process.exit(counts.ok === results.length ? 0 : 1);
})();
EOF

echo "graphql-http@$GRAPHQL_HTTP_VERSION server audits"
NODE_PATH="$work/node_modules" node "$work/audit.js" "$url"
