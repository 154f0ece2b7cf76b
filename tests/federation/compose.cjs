// Composes subgraphs into a supergraph with Apollo's own composition library
// (@apollo/composition, installed by scripts/_federation.sh into .cache/federation).
// Usage: node compose.cjs <directory holding node_modules>  < [{"name", "url", "sdl"}, ...]
// Prints {"errors": [...], "hints": [...], "supergraphSdl": "..." | null} as JSON.
"use strict";
const path = require("node:path");
const { createRequire } = require("node:module");

const load = createRequire(path.join(path.resolve(process.argv[2]), "package.json"));
const { composeServices } = load("@apollo/composition");
const { parse } = load("graphql");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const subgraphs = JSON.parse(input).map((s) => ({
    name: s.name,
    url: s.url,
    typeDefs: parse(s.sdl),
  }));
  const result = composeServices(subgraphs);
  process.stdout.write(
    JSON.stringify({
      errors: (result.errors || []).map((e) => e.message),
      hints: (result.hints || []).map((h) => h.toString()),
      supergraphSdl: result.errors ? null : result.supergraphSdl,
    }),
  );
});
