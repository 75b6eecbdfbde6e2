// Lint: typescript-eslint's recommended rules, plus the purity rules of the core
// (server/src/{language,analysis,simulator,explorer,teaching}): no editor or LSP imports, no DOM,
// no file system, no clock, no Math.random. Determinism depends on them.
import tseslint from 'typescript-eslint';

const core = [
  'server/src/language/**/*.ts',
  'server/src/analysis/**/*.ts',
  'server/src/simulator/**/*.ts',
  'server/src/explorer/**/*.ts',
  'server/src/teaching/**/*.ts',
  'server/src/diagnose.ts',
];

// The layers of the core (ARCHITECTURE.md): language below analysis and simulator, the simulator
// below the explorer, teaching (comparisons and exercises) on top. A folder may not import the layers above it.
const layers = [
  { folder: 'language', forbidden: ['analysis', 'simulator', 'explorer', 'teaching'] },
  { folder: 'analysis', forbidden: ['simulator', 'explorer', 'teaching'] },
  { folder: 'simulator', forbidden: ['analysis', 'explorer', 'teaching'] },
  { folder: 'explorer', forbidden: ['teaching'] },
];

const purityImports = {
  paths: [
    { name: 'vscode', message: 'The core is host-independent.' },
    { name: 'fs', message: 'The core does no I/O: hosts read files.' },
    { name: 'node:fs', message: 'The core does no I/O: hosts read files.' },
    { name: 'fs/promises', message: 'The core does no I/O.' },
    { name: 'node:fs/promises', message: 'The core does no I/O.' },
  ],
  patterns: [
    {
      group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'],
      message: 'The core is host-independent.',
    },
    { group: ['**/lsp/**', '**/cli/**', '**/client/**'], message: 'The core does not import its hosts.' },
    // The alias is the client's door to server/src; inside the core, the relative paths are
    // what the layer rules and the import-graph check read.
    { group: ['@server/**'], message: 'Inside the core, import by relative path.' },
  ],
};

/** The core's import rule for one layer: purity, plus the layers above it. */
function layerRule(forbidden) {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: purityImports.paths,
        patterns: [
          ...purityImports.patterns,
          ...forbidden.map((f) => ({
            group: [`../${f}`, `../${f}/**`, `**/src/${f}/**`],
            message: `This layer may not import ${f} (layers: language < analysis, simulator < explorer < teaching).`,
          })),
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tsbuild/**', 'out/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: core,
    rules: {
      ...layerRule([]),
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'No DOM in the core.' },
        { name: 'document', message: 'No DOM in the core.' },
        { name: 'performance', message: 'The core never reads the clock.' },
        { name: 'setTimeout', message: 'The core never waits on the clock.' },
        { name: 'setInterval', message: 'The core never waits on the clock.' },
        { name: 'process', message: 'The core is host-independent.' },
        { name: 'require', message: 'The core uses imports only.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Randomness comes only from the scenario seed (mulberry32).' },
        { object: 'Date', property: 'now', message: 'The core never reads the clock.' },
        { object: 'performance', property: 'now', message: 'The core never reads the clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'The core never reads the clock.' },
        { selector: "CallExpression[callee.name='Date']", message: 'The core never reads the clock.' },
      ],
    },
  },
  {
    // The client reaches server/src through the @server alias (tsconfig.base.json), never by
    // climbing out of its own tree.
    files: ['client/**/*.ts'],
    // The webview's modules still climb to server/src; they move to the alias with their owner.
    ignores: ['client/src/webview/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/src/**'], message: "Import server code through '@server/…'." }] },
      ],
    },
  },
  ...layers.map(({ folder, forbidden }) => ({
    files: [`server/src/${folder}/**/*.ts`],
    rules: layerRule(forbidden),
  })),
);
