import type { CodegenConfig } from '@graphql-codegen/cli';

// The client's typed documents come from the schema the API emits.
const config: CodegenConfig = {
  schema: process.env.CODEGEN_SCHEMA ?? 'schema/schema.graphql',
  documents: ['client/src/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // Only the types operations use: a schema change elsewhere does not churn the generated files.
        onlyOperationTypes: true,
        scalars: { DateTime: 'string', ID: 'string' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
