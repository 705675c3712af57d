import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents: every `graphql(`…`)` in src/ gets its result and variable types in src/gql/, checked
 * against schema.graphql (which a test keeps equal to the schema the gateway serves). `npm run codegen`.
 */
const config: CodegenConfig = {
  schema: 'apps/dashboard/schema.graphql',
  documents: ['apps/dashboard/src/**/*.tsx'],
  ignoreNoDocuments: false,
  generates: {
    'apps/dashboard/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { documentMode: 'string', scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true, avoidOptionals: { field: true, inputValue: false } },
    },
    // Every schema type (enums for the status colours, inputs for forms), not only those an operation uses.
    'apps/dashboard/src/gql/schema-types.ts': { plugins: ['typescript'], config: { scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true } },
  },
};

export default config;
