// Client-side validation (before any request) and workflow input field normalisation.
import { SimValidationError, isRecord } from './errors.js';
import type { WorkflowDetail, WorkflowInputField, WorkflowInputKind } from './types.js';

/**
 * Body fields the execute route takes as its own controls: an input field with one of these names
 * would be silently eaten by the server, so it is rejected.
 */
export const RESERVED_INPUT_FIELDS: readonly string[] = [
  'stream',
  'selectedOutputs',
  'triggerType',
  'useDraftState',
  'includeFileBase64',
  'base64MaxBytes',
  'workflowStateOverride',
  'stopAfterBlockId',
  'runFromBlock',
  'workflowId',
];

export const DEFAULT_BASE_URL = 'https://www.sim.ai';

export function validateApiKey(apiKey: unknown): string {
  if (typeof apiKey !== 'string' || apiKey.trim() === '')
    throw new SimValidationError(
      'Missing Sim API key: pass `apiKey` (create one in Sim under Settings → API keys).',
      'apiKey',
    );
  if (/[\r\n\0]/.test(apiKey) || apiKey !== apiKey.trim())
    throw new SimValidationError(
      'The Sim API key contains whitespace or control characters; copy it again without spaces or line breaks.',
      'apiKey',
    );
  return apiKey;
}

/** Normalises the base URL: default https://www.sim.ai, http(s) only, trailing slashes trimmed. */
export function normalizeBaseUrl(baseUrl: unknown): string {
  if (baseUrl === undefined || baseUrl === null || baseUrl === '') return DEFAULT_BASE_URL;
  if (typeof baseUrl !== 'string')
    throw new SimValidationError('`baseUrl` must be a string such as https://www.sim.ai.', 'baseUrl');
  const raw = baseUrl.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SimValidationError(
      `Invalid Sim base URL "${raw}": use an absolute http(s) URL such as https://www.sim.ai.`,
      'baseUrl',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SimValidationError(`Invalid Sim base URL "${raw}": only http:// and https:// are supported.`, 'baseUrl');
  if (url.username || url.password)
    throw new SimValidationError(
      'The Sim base URL must not contain credentials; pass the API key as `apiKey`.',
      'baseUrl',
    );
  if (url.search || url.hash)
    throw new SimValidationError(`Invalid Sim base URL "${raw}": remove the query string or fragment.`, 'baseUrl');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function requireId(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new SimValidationError(`\`${field}\` is required and must be a non-empty string.`, field);
  return value;
}

/** Encodes an id for a URL path segment (job ids contain ':' on current servers). */
export function pathId(value: unknown, field: string): string {
  return encodeURIComponent(requireId(value, field));
}

export function validateInput(input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (!isRecord(input) || (Object.getPrototypeOf(input) !== Object.prototype && Object.getPrototypeOf(input) !== null))
    throw new SimValidationError(
      'The workflow `input` must be a plain object of field names to values (not an array, string or class instance).',
      'input',
    );
  for (const name of Object.keys(input)) {
    if (RESERVED_INPUT_FIELDS.includes(name))
      throw new SimValidationError(
        `The input field "${name}" has the name of an execute control field; the Sim server would take it as a setting and drop it from the input. Rename the field in the workflow's Start block.`,
        name,
      );
  }
  return input;
}

export function validateStringArray(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === ''))
    throw new SimValidationError(`\`${field}\` must be an array of non-empty strings.`, field);
  return value as string[];
}

export function validateTimeout(value: unknown, field = 'timeoutMs'): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))
    throw new SimValidationError(`\`${field}\` must be a positive number of milliseconds.`, field);
  return value;
}

/**
 * Builds the execute body. The input goes as top-level fields (what the server and Sim's SDK do),
 * with controls beside it. An input that itself has a field named `input` is sent wrapped as
 * `{ input: {...} }` instead, because the server takes `body.input` as the whole input when present.
 */
export function buildExecuteBody(
  input: Record<string, unknown>,
  controls: { stream?: boolean; selectedOutputs?: string[] | undefined; triggerType?: string | undefined },
): Record<string, unknown> {
  const body: Record<string, unknown> = Object.prototype.hasOwnProperty.call(input, 'input') ? { input } : { ...input };
  if (controls.stream) body['stream'] = true;
  if (controls.selectedOutputs) body['selectedOutputs'] = controls.selectedOutputs;
  if (controls.triggerType !== undefined) body['triggerType'] = controls.triggerType;
  return body;
}

/** The kind of a Sim input type (Sim's names, plus the spellings other versions and specs use). */
export function inputKind(type: string): WorkflowInputKind {
  const t = type.trim().toLowerCase();
  if (t === 'number' || t === 'integer' || t === 'float') return 'number';
  if (t === 'boolean' || t === 'bool') return 'boolean';
  if (t === 'object' || t === 'json' || t === 'dict') return 'object';
  if (t === 'file' || t === 'files' || t === 'file[]' || t === 'files[]') return 'file';
  if (t === 'array' || t === 'list' || t.endsWith('[]')) return 'array';
  return 'string';
}

function fieldFrom(name: string, def: unknown): WorkflowInputField | undefined {
  if (!name) return undefined;
  const rec = isRecord(def) ? def : {};
  const type =
    typeof rec['type'] === 'string' && rec['type'] ? (rec['type'] as string) : typeof def === 'string' ? def : 'string';
  const field: WorkflowInputField = { name, type, kind: inputKind(type) };
  if (typeof rec['description'] === 'string' && rec['description']) field.description = rec['description'] as string;
  return field;
}

/**
 * The workflow's input fields, from the real server's `inputs` array (`[{ name, type }]`) or the
 * spec's `inputs.fields` map (`{ name: { type } }` or `{ name: 'type' }`).
 */
export function normalizeInputFields(workflow: WorkflowDetail | undefined | null): WorkflowInputField[] {
  const inputs: unknown = workflow?.inputs;
  const out: WorkflowInputField[] = [];
  if (Array.isArray(inputs)) {
    for (const item of inputs) {
      if (!isRecord(item) || typeof item['name'] !== 'string') continue;
      const f = fieldFrom(item['name'].trim(), item);
      if (f) out.push(f);
    }
  } else if (isRecord(inputs)) {
    const fields = isRecord(inputs['fields'])
      ? inputs['fields']
      : Array.isArray(inputs['fields'])
        ? undefined
        : undefined;
    if (fields)
      for (const [name, def] of Object.entries(fields)) {
        const f = fieldFrom(isRecord(def) && typeof def['name'] === 'string' ? def['name'] : name, def);
        if (f) out.push(f);
      }
    else if (Array.isArray(inputs['fields']))
      return normalizeInputFields({ inputs: inputs['fields'] } as WorkflowDetail);
  }
  return out;
}
