// graphql-codegen for a TypeScript dashboard: typed documents for every operation in
// operations/, checked against mailgql's schema. Run from this folder: npm install && npm run codegen
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["operations/*.graphql"],
  // A document that names a field the schema does not have fails the run.
  ignoreNoDocuments: false,
  generates: {
    "generated/": {
      // typescript + typescript-operations + typed-document-node, in one preset.
      preset: "client",
      presetConfig: {
        // Fragment fields are read directly rather than through useFragment().
        fragmentMasking: false,
      },
      config: {
        // mailgql's scalars arrive as ISO 8601 strings ("2026-05-01T08:00:00Z", "2026-05-01").
        scalars: {
          DateTime: "string",
          Date: "string",
        },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
