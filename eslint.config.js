import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layering from ARCHITECTURE.md: a folder may import only from folders in the layers above it.
const layers = [
  ['core', 'contracts', 'stats', 'kernels'],
  ['data', 'metrics'],
  ['drift', 'models'],
  ['report'],
  ['store', 'queue'],
  ['workflows', 'registry', 'pipeline', 'monitor', 'alerts'],
  ['runtime'],
  ['server', 'worker', 'cli'],
];
const layerOf = new Map(layers.flatMap((names, i) => names.map((n) => [n, i])));
const layerRules = [...layerOf.entries()].map(([folder, level]) => {
  const forbidden = [...layerOf.entries()].filter(([, l]) => l > level || (l === level && level === layers.length - 1)).map(([f]) => f).filter((f) => f !== folder);
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: forbidden.map((f) => ({ group: [`**/${f}/*`, `**/${f}`, `../${f}/*`, `../../${f}/*`], message: `src/${folder} (layer ${level}) must not import from src/${f} (ARCHITECTURE.md layering).` })),
      }],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**', 'bench/.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', performance: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...layerRules,
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
