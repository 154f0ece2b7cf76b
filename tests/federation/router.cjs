// A supergraph of mailgql and a small billing subgraph, queried through Apollo's gateway (a
// federation router), with Apollo's libraries installed by scripts/_federation.sh into
// .cache/federation. mailgql is reached over HTTP at the URL given, with the API key given;
// billing runs in this process and adds `billingPlan` to mailgql's accounts.
// Usage: node router.cjs <directory holding node_modules>  < {"mailgqlSdl", "mailgqlUrl",
//        "key", "billingSdl", "customers": [IDs], "queries": [documents]}
// Prints the result of each query, [{"data", "errors"}, ...], as JSON.
"use strict";
const crypto = require("node:crypto");
const path = require("node:path");
const { createRequire } = require("node:module");

const load = createRequire(path.join(path.resolve(process.argv[2]), "package.json"));
const { composeServices } = load("@apollo/composition");
const { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } = load("@apollo/gateway");
const { buildSubgraphSchema } = load("@apollo/subgraph");
const { parse } = load("graphql");

async function run(input) {
  const billing = buildSubgraphSchema({
    typeDefs: parse(input.billingSdl),
    resolvers: {
      Account: { __resolveReference: (account) => ({ id: account.id, billingPlan: "gold" }) },
      Query: { customers: () => input.customers.map((id) => ({ id, billingPlan: "gold" })) },
    },
  });
  const composed = composeServices([
    { name: "mailgql", url: input.mailgqlUrl, typeDefs: parse(input.mailgqlSdl) },
    { name: "billing", url: "http://billing.invalid/graphql", typeDefs: parse(input.billingSdl) },
  ]);
  if (composed.errors) {
    throw new Error(composed.errors.map((e) => e.message).join("; "));
  }
  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService({ name, url }) {
      if (name === "billing") {
        return new LocalGraphQLDataSource(billing);
      }
      return new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          request.http.headers.set("Authorization", `Bearer ${input.key}`);
        },
      });
    },
  });
  const { executor } = await gateway.load();
  const results = [];
  try {
    for (const query of input.queries) {
      const result = await executor({
        request: { query, variables: {} },
        document: parse(query),
        source: query,
        queryHash: crypto.createHash("sha256").update(query).digest("hex"),
        operationName: null,
        context: {},
        logger: console,
        metrics: {},
        overallCachePolicy: {},
      });
      results.push({ data: result.data ?? null, errors: result.errors ?? null });
    }
  } finally {
    await gateway.stop();
  }
  return results;
}

let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (text += chunk));
process.stdin.on("end", () => {
  run(JSON.parse(text)).then(
    (results) => process.stdout.write(JSON.stringify(results)),
    (error) => {
      process.stderr.write(String((error && error.stack) || error));
      process.exit(1);
    },
  );
});
