#!/usr/bin/env bash
# Re-download the GraphiQL browser bundle and its React UMD builds from the npm registry and copy
# only the minified files and licences into src/mailgql/graphiql/static/.
# Usage: scripts/vendor-graphiql.sh   (edit the versions below, then update VENDORED.md)
set -euo pipefail

# graphiql 4.x is the last major that ships a UMD bundle (graphiql.min.js); 5.x is ESM-only and
# needs a bundler. React 19 ships no UMD builds, so React stays on 18.
GRAPHIQL_VERSION="4.1.2"
REACT_VERSION="18.3.1"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/src/mailgql/graphiql/static"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

unpack() {
    # npm pack checks the tarball against the registry's integrity hash before writing it.
    local spec="$1" name="$2"
    local tarball
    tarball="$(cd "$work" && npm pack --silent "$spec" | tail -n 1)"
    mkdir -p "$work/$name"
    tar -xzf "$work/$tarball" -C "$work/$name" --strip-components=1
}

unpack "graphiql@$GRAPHIQL_VERSION" graphiql
unpack "react@$REACT_VERSION" react
unpack "react-dom@$REACT_VERSION" react-dom

mkdir -p "$dest"
install -m 0644 "$work/graphiql/graphiql.min.js" "$dest/graphiql.min.js"
install -m 0644 "$work/graphiql/graphiql.min.css" "$dest/graphiql.min.css"
install -m 0644 "$work/graphiql/LICENSE" "$dest/LICENSE-graphiql"
install -m 0644 "$work/react/umd/react.production.min.js" "$dest/react.production.min.js"
install -m 0644 "$work/react/LICENSE" "$dest/LICENSE-react"
install -m 0644 "$work/react-dom/umd/react-dom.production.min.js" "$dest/react-dom.production.min.js"
install -m 0644 "$work/react-dom/LICENSE" "$dest/LICENSE-react-dom"

echo "vendored graphiql@$GRAPHIQL_VERSION, react@$REACT_VERSION, react-dom@$REACT_VERSION into $dest"
echo "sha256 (paste into VENDORED.md):"
(cd "$dest" && sha256sum graphiql.min.js graphiql.min.css react.production.min.js \
    react-dom.production.min.js)
du -sh "$dest"
