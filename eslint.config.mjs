// Lint with type information. The rule set is small on purpose: the rules that catch bugs the
// type checker lets through (a promise nobody awaits, an async callback where a sync one is
// expected), the ban on `any`, and type-only imports. Formatting is Prettier's job, not ESLint's.
import tseslint from 'typescript-eslint';

/** Test files that use typed documents only. */
const TYPED_TESTS = ['test/e2e/users.e2e-spec.ts', 'test/e2e/proof-submission-transaction.e2e-spec.ts', 'test/generated/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/generated/**', '**/*.mjs', '**/*.js'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        // With decorator metadata a type-only import of an injected class would break Nest's DI;
        // consistent-type-imports knows this and leaves files with decorators alone.
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // The two rules existing `eslint-disable` comments in src/ name; on, so those comments stay meaningful.
      '@typescript-eslint/no-require-imports': 'error',
      'no-control-regex': 'error',
    },
  },
  {
    // Tests and benchmarks still send untyped GraphQL strings, whose answers are `any`. They move to
    // typed documents (test/graphql/*.graphql → test/generated/graphql.ts) file by file; the files
    // already moved are held to the rule below.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    ignores: TYPED_TESTS,
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
