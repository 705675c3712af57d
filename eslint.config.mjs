// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Type-aware linting of every TypeScript file (apps, the dashboard, libs, bench, tests): typescript-eslint's
 * recommended type-checked rules, with the few project choices below. Formatting is Prettier's job.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.hydrator/**', 'coverage/**', 'apps/dashboard/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed parameters and rest siblings are deliberate (callbacks of a fixed shape).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Nest injects dependencies into otherwise empty classes; modules are empty classes by design.
      '@typescript-eslint/no-extraneous-class': 'off',
      // `void promise` marks a deliberate fire-and-forget; everything else must be awaited or handled.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      // Apollo plugins, MikroORM callbacks and BullMQ processors must return promises whether or not
      // they have anything to await; an async function is the plainest way to say so.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.objectContaining, …) are typed `any` by design.
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The dashboard (React): the rules of hooks, checked as React's own plugin checks them.
    files: ['apps/dashboard/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Plain Node scripts (Jest's config, the Octokit runner of the GitHub sandbox spec).
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { process: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly', console: 'readonly' } },
  },
  prettier,
);
