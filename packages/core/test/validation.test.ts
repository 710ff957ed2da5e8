import { describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import {
  DEFAULT_BASE_URL,
  SimClient,
  SimValidationError,
  USER_AGENT,
  VERSION,
  inputKind,
  normalizeInputFields,
  redactSecrets,
} from '../src/index.js';
import { readFileSync } from 'node:fs';
import { fakeClient, json } from './fake.js';
import { RESERVED_INPUT_FIELDS } from '../src/inputs.js';

const base = { transport: async () => json(200, {}), sleep: async () => undefined };

describe('client options', () => {
  it('rejects an empty or malformed key and bad base URLs', () => {
    for (const apiKey of ['', '   ', undefined, 42, 'sk-sim-a\nb', ' sk-sim-x']) {
      expect(() => new SimClient({ ...base, apiKey } as never)).toThrow(SimValidationError);
    }
    for (const baseUrl of [
      'ftp://sim.ai',
      'not a url',
      'file:///etc',
      'https://user:pw@sim.ai',
      'https://sim.ai/?x=1',
      'javascript:alert(1)',
    ]) {
      expect(() => new SimClient({ ...base, apiKey: 'k-123456', baseUrl })).toThrow(SimValidationError);
    }
  });
  it('defaults to https://www.sim.ai and trims trailing slashes', () => {
    expect(new SimClient({ ...base, apiKey: 'k-123456' }).baseUrl).toBe(DEFAULT_BASE_URL);
    expect(new SimClient({ ...base, apiKey: 'k-123456', baseUrl: 'http://127.0.0.1:3000///' }).baseUrl).toBe(
      'http://127.0.0.1:3000',
    );
    expect(new SimClient({ ...base, apiKey: 'k-123456', baseUrl: 'https://sim.example.com/prefix/' }).baseUrl).toBe(
      'https://sim.example.com/prefix',
    );
  });
  it('User-Agent names the package and its version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`sim-integrations-core/${pkg.version}`);
  });
});

describe('validation before any request', () => {
  it('rejects empty ids, non-object input and reserved input names without sending anything', async () => {
    const { client, requests } = fakeClient(() => json(200, {}));
    const calls: Array<() => Promise<unknown>> = [
      () => client.executeWorkflow(''),
      () => client.executeWorkflow('wf', { input: [] as never }),
      () => client.executeWorkflow('wf', { input: 'text' as never }),
      () => client.executeWorkflow('wf', { input: new Date() as never }),
      () => client.runWorkflow('  '),
      () => client.runWorkflowSync('wf', { input: { stream: true } }),
      () => client.cancelExecution('wf', ''),
      () => client.getWorkflow(''),
      () => client.getJobStatus(''),
      () => client.getLogDetails(''),
      () => client.getExecutionDetails(''),
      () => client.getAuditLogDetails(''),
      () => client.listWorkflows({ workspaceId: '' }),
      () => client.queryLogs({} as never),
      () => client.waitForJob(''),
      () => client.getWorkflowInputFields(''),
      () => client.executeWorkflow('wf', { selectedOutputs: 'x' as never }),
      () => client.executeWorkflow('wf', { timeoutMs: -1 }),
    ];
    for (const name of RESERVED_INPUT_FIELDS) calls.push(() => client.executeWorkflow('wf', { input: { [name]: 1 } }));
    for (const call of calls) await expect(call()).rejects.toBeInstanceOf(SimValidationError);
    expect(() => client.streamWorkflow('', {})).toThrow(SimValidationError);
    expect(() => client.streamWorkflow('wf', { input: { selectedOutputs: [] } })).toThrow(/selectedOutputs/);
    expect(() => client.iterateLogs({ workspaceId: '' })).toThrow(SimValidationError);
    expect(requests).toHaveLength(0);
  });
  it('sends input as top-level fields; an input named `input` is wrapped so the server keeps it whole', async () => {
    const { client, requests } = fakeClient(() => json(200, { success: true, executionId: 'e', output: {} }));
    await client.executeWorkflow('wf', {
      input: { name: 'Ada', count: 2 },
      selectedOutputs: ['a.b'],
      triggerType: 'api',
    });
    expect(JSON.parse(requests[0]!.body!)).toEqual({
      name: 'Ada',
      count: 2,
      selectedOutputs: ['a.b'],
      triggerType: 'api',
    });
    await client.executeWorkflow('wf', { input: { input: 'x', other: 1 } });
    expect(JSON.parse(requests[1]!.body!)).toEqual({ input: { input: 'x', other: 1 } });
    expect(requests[0]!.headers['content-type']).toBe('application/json');
    expect(requests[0]!.headers['x-api-key']).toBe('sk-sim-unit-secret-key');
  });
});

describe('secrets', () => {
  const key = 'sk-sim-unit-secret-key';
  it('never shows the key in inspect/JSON of the client', () => {
    const { client } = fakeClient(() => json(200, {}));
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(key);
    expect(JSON.stringify(client)).not.toContain(key);
    expect(JSON.stringify(client)).toContain('http://sim.test');
  });
  it('redacts the key in errors and debug logs, even when the server echoes it', async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string, meta?: object) => lines.push(`${m} ${JSON.stringify(meta)}`) };
    const { client } = fakeClient(() => json(401, { error: `Invalid API key ${key}` }), { logger });
    const err = await client.getUsageLimits().catch((e) => e);
    expect(err.status).toBe(401);
    expect(err.message).toContain('Check the API key');
    for (const text of [
      err.message,
      inspect(err, { depth: 10 }),
      JSON.stringify(err),
      String(err.stack),
      JSON.stringify(err.body),
      lines.join('\n'),
    ]) {
      expect(text).not.toContain(key);
    }
    expect(lines.join('\n')).toContain('[redacted]');
  });
  it('redactSecrets replaces every occurrence', () => {
    expect(redactSecrets('a sk-1234 b sk-1234', ['sk-1234', '', undefined])).toBe('a [redacted] b [redacted]');
  });
});

describe('workflow input fields', () => {
  it('reads the real inputs array and the spec inputs.fields map', () => {
    expect(
      normalizeInputFields({
        inputs: [
          { id: '1', name: 'name', type: 'string' },
          { name: 'count', type: 'number', description: 'n' },
          { bad: true },
        ],
      } as never),
    ).toEqual([
      { name: 'name', type: 'string', kind: 'string' },
      { name: 'count', type: 'number', kind: 'number', description: 'n' },
    ]);
    expect(
      normalizeInputFields({ inputs: { fields: { name: { type: 'string' }, flag: 'boolean', meta: {} } } } as never),
    ).toEqual([
      { name: 'name', type: 'string', kind: 'string' },
      { name: 'flag', type: 'boolean', kind: 'boolean' },
      { name: 'meta', type: 'string', kind: 'string' },
    ]);
    expect(normalizeInputFields({} as never)).toEqual([]);
    expect(normalizeInputFields({ inputs: null } as never)).toEqual([]);
  });

  it('knows the kinds of Sim types', () => {
    expect(
      [
        'string',
        'number',
        'boolean',
        'object',
        'array',
        'file',
        'files',
        'file[]',
        'json',
        'integer',
        'string[]',
        'mystery',
      ].map(inputKind),
    ).toEqual([
      'string',
      'number',
      'boolean',
      'object',
      'array',
      'file',
      'file',
      'file',
      'object',
      'number',
      'array',
      'string',
    ]);
  });
});
