// The workflow's own input fields as Zapier fields, and the values the user entered back into a
// workflow input. The list of fields comes from the core's `getWorkflowInputFields` (which reads both
// the real server's `inputs` array and the spec's `inputs.fields` map); here we only pick Zapier field
// types and convert the entered values (the core's `inputKind` classifies Sim's type names).
import { inputKind, type WorkflowInputKind } from '@sim-integrations/core';

/** One workflow input, as the core reports it. */
export interface WorkflowInputField {
  name: string;
  type: string;
  description?: string | undefined;
}

/** Keys of the generated fields start with this, so a workflow input can never clash with our own fields. */
export const INPUT_PREFIX = 'input__';

const KIND_HELP: Record<WorkflowInputKind, string> = {
  string: 'Text.',
  number: 'A number.',
  boolean: 'Yes or no.',
  object: 'A JSON object, e.g. {"key": "value"}.',
  array: 'One value per line item; or a single JSON array such as ["a", "b"].',
  file: 'A file (Zapier passes it to Sim as a URL).',
};

/** A Zapier input field for one workflow input. */
export function zapierFieldFor(field: WorkflowInputField): Record<string, unknown> {
  const kind = inputKind(field.type);
  const help = `${field.description ? `${field.description} ` : ''}Workflow input \`${field.name}\` (${field.type}). ${KIND_HELP[kind]}`;
  const base = { key: `${INPUT_PREFIX}${field.name}`, label: field.name, required: false, helpText: help };
  switch (kind) {
    case 'number':
      return { ...base, type: 'number' };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'object':
      return { ...base, type: 'text' };
    case 'array':
      return { ...base, type: 'string', list: true };
    case 'file':
      return { ...base, type: 'file', list: true };
    default:
      return { ...base, type: 'string' };
  }
}

/** A mapped value Zapier could not resolve stays as its template, e.g. "{{123__name}}". */
export function isUnresolvedTemplate(value: unknown): boolean {
  if (typeof value === 'string') return /^\s*\{\{[^{}]*\}\}\s*$/.test(value);
  if (Array.isArray(value)) return value.length > 0 && value.every(isUnresolvedTemplate);
  return false;
}

/** Thrown for a value that does not fit its input's type; the caller turns it into a HaltedError. */
export class InputValueError extends Error {
  override name = 'InputValueError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function parseJson(field: string, text: string, expected: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputValueError(
      field,
      `Input "${field}" must be ${expected}, but it is not valid JSON (${(err as Error).message}).`,
    );
  }
}

function fileName(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : 'file';
  } catch {
    return 'file';
  }
}

function toFile(field: string, value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('{')) return parseJson(field, text, 'a file URL or a JSON file object');
    if (!/^https?:\/\//i.test(text)) {
      throw new InputValueError(
        field,
        `Input "${field}" must be a file (a URL starting with http:// or https://), got "${text.slice(0, 80)}".`,
      );
    }
    return { type: 'url', data: text, name: fileName(text) };
  }
  return value;
}

/** Converts one entered value to the workflow input's type. */
export function convertValue(field: WorkflowInputField, value: unknown): unknown {
  const name = field.name;
  switch (inputKind(field.type)) {
    case 'number': {
      if (typeof value === 'number') return value;
      const n = Number(String(value).trim());
      if (String(value).trim() === '' || !Number.isFinite(n)) {
        throw new InputValueError(name, `Input "${name}" must be a number, got "${String(value).slice(0, 80)}".`);
      }
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const s = String(value).trim().toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(s)) return true;
      if (['false', 'no', '0', 'off'].includes(s)) return false;
      throw new InputValueError(name, `Input "${name}" must be true or false, got "${String(value).slice(0, 80)}".`);
    }
    case 'object': {
      const parsed = typeof value === 'string' ? parseJson(name, value, 'a JSON object') : value;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new InputValueError(name, `Input "${name}" must be a JSON object such as {"key": "value"}.`);
      }
      return parsed;
    }
    case 'array': {
      if (typeof value === 'string') {
        const text = value.trim();
        return text.startsWith('[') ? parseJson(name, text, 'a JSON array') : [value];
      }
      if (Array.isArray(value)) {
        const only = value.length === 1 ? value[0] : undefined;
        if (typeof only === 'string' && only.trim().startsWith('['))
          return parseJson(name, only.trim(), 'a JSON array');
        return value;
      }
      return [value];
    }
    case 'file': {
      const items = Array.isArray(value) ? value : [value];
      return items.filter((v) => !isEmpty(v)).map((v) => toFile(name, v));
    }
    default:
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** Parses the raw JSON input field: empty → {}, otherwise it must be a JSON object. */
export function parseInputJson(text: unknown): Record<string, unknown> {
  if (isEmpty(text) || isUnresolvedTemplate(text)) return {};
  if (typeof text === 'object' && !Array.isArray(text)) return { ...(text as Record<string, unknown>) };
  const parsed = parseJson('inputJson', String(text), 'a JSON object');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputValueError('inputJson', 'The raw input (JSON) must be a JSON object such as {"name": "Ada"}.');
  }
  return parsed as Record<string, unknown>;
}

/**
 * The workflow input: the raw `inputJson` object, with each typed field entered in Zapier on top.
 * A typed field left empty, or whose mapped value Zapier could not resolve (still "{{…}}"), is not
 * sent, so the value for that name in `inputJson` (if any) applies.
 */
export function buildWorkflowInput(
  inputData: Record<string, unknown>,
  fields: readonly WorkflowInputField[],
): Record<string, unknown> {
  const input = parseInputJson(inputData['inputJson']);
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const [key, value] of Object.entries(inputData)) {
    if (!key.startsWith(INPUT_PREFIX)) continue;
    if (isEmpty(value) || isUnresolvedTemplate(value)) continue;
    const name = key.slice(INPUT_PREFIX.length);
    const field = byName.get(name);
    // A field the workflow no longer has: send what Zapier gave us, unconverted.
    input[name] = field ? convertValue(field, value) : value;
  }
  return input;
}

/** True when the user filled in at least one typed field (so their types are worth fetching). */
export function hasTypedValues(inputData: Record<string, unknown>): boolean {
  return Object.entries(inputData).some(
    ([k, v]) => k.startsWith(INPUT_PREFIX) && !isEmpty(v) && !isUnresolvedTemplate(v),
  );
}
