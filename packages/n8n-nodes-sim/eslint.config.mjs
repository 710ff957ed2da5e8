// n8n's own community-node rules (the ones n8n's verification runs) over the sources, package.json
// and the built dist/**/*.js that n8n actually loads.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['node_modules/**', 'scripts/**', 'test/**', 'examples/**', '*.mts', '*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
  },
  {
    files: ['package.json'],
    languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
  },
  {
    files: ['dist/**/*.js'],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 },
  },
  {
    files: ['**/*.ts', 'package.json', 'dist/**/*.js'],
    ...n8nCommunityNodesPlugin.configs.recommended,
  },
];
