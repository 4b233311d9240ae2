import type { CodegenConfig } from "@graphql-codegen/cli";

// Operations live beside the code that uses them (`graphql(\`…\`)` in *.ts files); codegen checks
// each against the committed SDL and writes their types, so a breaking schema change fails the build.
const config: CodegenConfig = {
  schema: "schema/schema.graphql",
  documents: ["dashboard/src/**/*.ts", "!dashboard/src/gql/**"],
  ignoreNoDocuments: false,
  errorsOnly: false,
  generates: {
    "dashboard/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { LocalDate: "string", DateTimeISO: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
