// The project's own lint: the layers of docs/architecture.md as import rules, and no import cycles. Style is
// left to review and to tsc's strict mode; these rules are about where code may reach, so that they stay true
// as more people add code.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

/** One zone per layer: the folders its files must not import from (resolved paths, so `../../x` cannot slip by). */
const LAYERS = {
  core: ['analyzer', 'project', 'report', 'server', 'extension', 'cli', 'protocol'],
  analyzer: ['project', 'report', 'server', 'extension', 'cli', 'protocol'],
  project: ['report', 'server', 'extension', 'cli', 'protocol'],
  report: ['analyzer', 'project', 'server', 'extension', 'cli', 'protocol'],
  protocol: ['core', 'analyzer', 'project', 'report', 'server', 'extension', 'cli'],
  server: ['extension', 'cli'],
  cli: ['extension'],
  extension: ['core', 'analyzer', 'project', 'server', 'cli'],
};
const zones = Object.entries(LAYERS).flatMap(([layer, banned]) =>
  banned.map((other) => ({
    target: `./src/${layer}`,
    from: `./src/${other}`,
    message: `src/${layer} may not import src/${other} (layers: docs/architecture.md).`,
  })),
);

const banImports = (names, message) => ({ paths: names.map((name) => ({ name, message })) });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['src/**/*.ts', 'media/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Core is pure: no file system, no processes, no editor. It runs in the webview bundle too.
    files: ['src/core/**/*.ts', 'src/report/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', banImports([...NODE_BUILTINS, 'vscode', 'vscode-languageclient', 'vscode-languageclient/node', 'vscode-languageserver', 'vscode-languageserver/node'], 'core, report and protocol do no I/O: pass data in.')],
    },
  },
  {
    // Only the extension talks to VS Code.
    files: ['src/analyzer/**/*.ts', 'src/project/**/*.ts', 'src/server/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', banImports(['vscode', 'vscode-languageclient', 'vscode-languageclient/node'], 'Only src/extension imports vscode.')],
    },
  },
  {
    // The webview script sees the report's view-model and helpers, nothing else of the project.
    files: ['media/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banImports([...NODE_BUILTINS, 'vscode'], 'The webview runs in a browser.').paths,
          patterns: [{ regex: '^\\.\\./src/(?!report/)', message: 'The webview imports only src/report (its view-model types and helpers).' }],
        },
      ],
    },
  },
);
