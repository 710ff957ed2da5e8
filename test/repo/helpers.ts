// Shared by the repository checks: paths, a YAML reader, and the Action's declared inputs and outputs.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const read = (p: string): string => readFileSync(join(root, p), 'utf8');

// js-yaml comes with @changesets/cli (a root devDependency); the YAML files here are plain YAML 1.2.
const require = createRequire(join(root, 'package.json'));
const jsYaml = require('js-yaml') as { load(text: string): unknown };
export const parseYaml = (text: string): unknown => jsYaml.load(text);

export const workflowFiles = (): string[] =>
  readdirSync(join(root, '.github', 'workflows'))
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => join('.github', 'workflows', f));

export interface ActionMetadata {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

export const actionMetadata = (text = read('action.yml')): ActionMetadata => parseYaml(text) as ActionMetadata;

/** The packages published to npm, by folder under packages/. */
export const PUBLISHED = ['core', 'emulator', 'n8n-nodes-sim'] as const;
