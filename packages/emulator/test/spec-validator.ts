/**
 * Validates emulator responses against the OpenAPI spec (`packages/core/openapi/sim-openapi.json`, read-only) with ajv.
 *
 * The spec is OpenAPI 3.1 but uses the 3.0 `nullable` keyword, which ajv understands. Where the real server's recorded
 * answers (recordings/sim-server-facts.md) disagree with the spec, the recording wins: the validator applies the explicit
 * OVERLAYS below to a copy of the spec, each one naming the recording that justifies it. Nothing else is relaxed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default export is the module object
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

type Json = Record<string, any>;

const SPEC_PATH = fileURLToPath(new URL('../../core/openapi/sim-openapi.json', import.meta.url));

export interface Overlay {
  /** What the overlay changes. */
  target: string;
  /** The recording (recordings/sim-server-facts.md) that shows the real server answers this way. */
  why: string;
  apply(spec: Json): void;
}

const err = (ref: string) => ({ $ref: ref });

export const OVERLAYS: readonly Overlay[] = [
  {
    target: 'WorkflowDetail.inputs: also an array of {id?, name, type, description?}',
    why: 'recordings/sim-server-facts.md §5.7: GET /api/v1/workflows/{id} returns inputs as an array on both versions',
    apply(spec) {
      const s = spec.components.schemas.WorkflowDetail.properties;
      s.inputs = {
        anyOf: [
          s.inputs,
          {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'type'],
              properties: {
                id: { type: 'string' },
                name: { type: 'string' },
                type: { type: 'string' },
                description: { type: 'string' },
              },
            },
          },
        ],
      };
    },
  },
  {
    target: 'JobStatus.status: adds "cancelled"',
    why: 'recordings/sim-server-facts.md §5.3: a cancelled job reads status "cancelled" on the current server',
    apply(spec) {
      spec.components.schemas.JobStatus.properties.status.enum.push('cancelled');
    },
  },
  {
    target: 'JobStatus.output: nullable',
    why: 'recordings/sim-server-facts.md §5.3: processing, failed and cancelled jobs carry "output": null on the current server',
    apply(spec) {
      spec.components.schemas.JobStatus.properties.output.nullable = true;
    },
  },
  {
    target: 'ExecutionResult.metadata.duration: number (not integer)',
    why: 'recordings/sim-server-facts.md §5.2: "duration":169.32877300004475',
    apply(spec) {
      spec.components.schemas.ExecutionResult.properties.metadata.properties.duration.type = 'number';
    },
  },
  {
    target: 'execute: adds 400, 403, 408 and 500 responses',
    why: 'recordings/sim-server-facts.md §5.2: 400 malformed JSON / timeout header, 403 "Workflow is not deployed", 500 failed sync run {success:false, output:{}, error, metadata}; 408 (issue 2: sync timeout) uses the same body',
    apply(spec) {
      const r = spec.paths['/api/workflows/{id}/execute'].post.responses;
      r['400'] = err('#/components/responses/BadRequest');
      r['403'] = err('#/components/responses/Forbidden');
      r['408'] = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ExecutionResult' } } } };
      r['500'] = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ExecutionResult' } } } };
    },
  },
  {
    target: 'execute: adds 409 {error, code: EXECUTION_ID_CONFLICT, executionId}',
    why: 'recorded 2026-12-01 (recordings/sim-server-facts.md §A): a reused (or rate-limited, hence burnt) X-Execution-Id answers 409',
    apply(spec) {
      spec.paths['/api/workflows/{id}/execute'].post.responses['409'] = {
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['error', 'code', 'executionId'],
              properties: { error: { type: 'string' }, code: { type: 'string' }, executionId: { type: 'string' } },
            },
          },
        },
      };
    },
  },
  {
    target: 'usage-limits and jobs 401 bodies: add `code`',
    why: 'recordings/sim-server-facts.md §5.3, §5.8: {"error":"Unauthorized","code":"UNAUTHORIZED"} (extra properties are allowed by the spec already; documented for completeness)',
    apply() {
      /* the spec's error schemas allow additional properties: nothing to change */
    },
  },
];

export interface SpecCheck {
  /** null when the response is valid; a message otherwise. */
  error: string | null;
  /** false when the spec documents no JSON body for this route/status (e.g. SSE, control endpoints). */
  documented: boolean;
}

export class SpecValidator {
  private ajv: Ajv;
  private spec: Json;
  private cache = new Map<string, ValidateFunction | null>();
  private templates: { method: string; template: string; re: RegExp }[] = [];

  constructor(overlays: readonly Overlay[] = OVERLAYS) {
    this.spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
    for (const o of overlays) o.apply(this.spec);
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'sim-spec', components: rewriteRefs(this.spec.components) });
    for (const [template, ops] of Object.entries(this.spec.paths as Json)) {
      for (const method of Object.keys(ops as Json)) {
        const re = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
        this.templates.push({ method: method.toUpperCase(), template, re });
      }
    }
  }

  /** The spec path template a request path (raw, without query) belongs to, or null. */
  template(method: string, rawPath: string): string | null {
    // a template segment matches one raw segment; job ids may contain %3A or a raw colon, both one segment
    const hit = this.templates.find((t) => t.method === method.toUpperCase() && t.re.test(rawPath));
    return hit ? hit.template : null;
  }

  check(method: string, rawPath: string, status: number, body: unknown): SpecCheck {
    const template = this.template(method, rawPath.split('?')[0]!);
    if (!template) return { error: null, documented: false };
    const key = `${method.toUpperCase()} ${template} ${status}`;
    let validate = this.cache.get(key);
    if (validate === undefined) {
      validate = this.compile(method, template, status);
      this.cache.set(key, validate);
    }
    if (validate === null) return { error: `${key}: the spec documents no such response`, documented: false };
    if (validate(body)) return { error: null, documented: true };
    return { error: `${key}: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`, documented: true };
  }

  private compile(method: string, template: string, status: number): ValidateFunction | null {
    const op = this.spec.paths[template]?.[method.toLowerCase()];
    let resp = op?.responses?.[String(status)];
    if (!resp) return null;
    if (resp.$ref) resp = this.spec.components.responses[String(resp.$ref).split('/').pop()!];
    const schema = resp?.content?.['application/json']?.schema;
    if (!schema) return null;
    return this.ajv.compile(rewriteRefs(schema));
  }
}

/** `#/components/...` → `sim-spec#/components/...` so that refs resolve from any compiled fragment. */
function rewriteRefs(node: unknown): any {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(node))
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `sim-spec${v}` : rewriteRefs(v);
    return out;
  }
  return node;
}
