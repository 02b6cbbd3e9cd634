// Lint for every TypeScript and script file: ESLint's and typescript-eslint's recommended rules,
// syntax only. The type-aware sets are left out: they cost a full type check per run, which
// `npm run typecheck` already does (strict, noUnusedLocals, noUncheckedIndexedAccess).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Hidden files are someone's scratch copies (bench/.quick-tmp.ts), never part of the project.
  { ignores: ['dist/', 'out/', 'scratch/', 'test/.tmp/', '**/.*'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The pipeline's job includes finding control characters in hostile text (CSV and XLSX
      // neutralising, terminal-safe messages, XML-invalid characters): regexes that name them
      // are the point, not a slip. Every regex is checked for linear time by test/hardening.
      'no-control-regex': 'off',
      // Same reason: classes of invisible characters list combining marks and variation
      // selectors one by one (\u034f, \ufe00-\ufe0f), which this rule takes for a mistake.
      'no-misleading-character-class': 'off',
      // A leading underscore names what a signature or a destructuring must hold but the code
      // does not use (Apps Script's event argument, a field left out of a rest object).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
);
