import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { buildWorkflowInput, convertValue, isUnresolvedTemplate, zapierFieldFor } from '../src/inputs.js';
import { SERVERS, appTester, bundleFor, errorOf, startEmu, type Emulator } from './helpers.js';

const inputFields = App.creates.execute_workflow.operation.inputFields as unknown as unknown[];
const dynamicFields = inputFields.find((f) => typeof f === 'function') as never;

describe.each(SERVERS)('dynamic input fields (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("builds one field per input from the real server's `inputs` array", async () => {
    const fields = await appTester(dynamicFields, bundleFor(emu, { workflowId: emu.seed.workflows.echo }) as never);
    expect(fields).toEqual([
      expect.objectContaining({ key: 'input__name', label: 'name', type: 'string', required: false }),
      expect.objectContaining({ key: 'input__count', label: 'count', type: 'number', required: false }),
    ]);
  });

  it('maps every Sim input type to a Zapier field type', async () => {
    const fields = (await appTester(
      dynamicFields,
      bundleFor(emu, { workflowId: emu.seed.workflows.typed }) as never,
    )) as Array<Record<string, unknown>>;
    const byKey = Object.fromEntries(fields.map((f) => [f['key'], f]));
    expect(byKey['input__text']).toMatchObject({ type: 'string' });
    expect(byKey['input__amount']).toMatchObject({ type: 'number' });
    expect(byKey['input__flag']).toMatchObject({ type: 'boolean' });
    expect(byKey['input__meta']).toMatchObject({ type: 'text' });
    expect(byKey['input__tags']).toMatchObject({ type: 'string', list: true });
    expect(byKey['input__attachment']).toMatchObject({ type: 'file', list: true });
  });

  it("still builds the fields when a server sends the spec's `inputs.fields` map", async () => {
    emu.injectFault({
      method: 'GET',
      path: `/api/v1/workflows/${emu.seed.workflows.echo}`,
      type: 'status',
      status: 200,
      body: {
        data: {
          id: emu.seed.workflows.echo,
          name: 'Echo',
          isDeployed: true,
          inputs: {
            fields: {
              topic: { type: 'string', description: 'What to write about' },
              limit: { type: 'number' },
              strict: 'boolean',
            },
          },
        },
      },
    });
    const fields = (await appTester(
      dynamicFields,
      bundleFor(emu, { workflowId: emu.seed.workflows.echo }) as never,
    )) as Array<Record<string, unknown>>;
    expect(fields.map((f) => [f['key'], f['type']])).toEqual([
      ['input__topic', 'string'],
      ['input__limit', 'number'],
      ['input__strict', 'boolean'],
    ]);
    expect(String(fields[0]!['helpText'])).toContain('What to write about');
  });

  it('has no fields before a workflow is chosen, or when it is a mapped value', async () => {
    emu.clearJournal();
    expect(await appTester(dynamicFields, bundleFor(emu, {}) as never)).toEqual([]);
    expect(await appTester(dynamicFields, bundleFor(emu, { workflowId: '{{123__id}}' }) as never)).toEqual([]);
    expect(emu.journal()).toEqual([]);
  });

  it('an unknown workflow is a HaltedError naming the 404', async () => {
    const err = await errorOf(appTester(dynamicFields, bundleFor(emu, { workflowId: 'wf-missing' }) as never));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/404/);
  });
});

describe('input conversion', () => {
  it('picks a Zapier field type for each kind of Sim type', () => {
    expect(
      ['string', 'number', 'boolean', 'object', 'array', 'files'].map(
        (type) => zapierFieldFor({ name: 'x', type }).type,
      ),
    ).toEqual(['string', 'number', 'boolean', 'text', 'string', 'file']);
    expect(zapierFieldFor({ name: 'q', type: 'mystery' })).toMatchObject({ key: 'input__q', type: 'string' });
  });

  it('recognises unresolved mapped values', () => {
    expect(isUnresolvedTemplate('{{123__name}}')).toBe(true);
    expect(isUnresolvedTemplate(' {{ 1.2 }} ')).toBe(true);
    expect(isUnresolvedTemplate(['{{1__a}}'])).toBe(true);
    expect(isUnresolvedTemplate('Hello {{name}}')).toBe(false);
    expect(isUnresolvedTemplate('plain')).toBe(false);
  });

  it('converts values and refuses ones that do not fit', () => {
    expect(convertValue({ name: 'n', type: 'number' }, ' 3 ')).toBe(3);
    expect(convertValue({ name: 'b', type: 'boolean' }, 'no')).toBe(false);
    expect(convertValue({ name: 'a', type: 'array' }, ['["x", 1]'])).toEqual(['x', 1]);
    expect(convertValue({ name: 'a', type: 'array' }, 'one')).toEqual(['one']);
    expect(convertValue({ name: 'o', type: 'object' }, { k: 1 })).toEqual({ k: 1 });
    expect(convertValue({ name: 's', type: 'string' }, 12)).toBe('12');
    expect(() => convertValue({ name: 'b', type: 'boolean' }, 'maybe')).toThrow(/"b" must be true or false/);
    expect(() => convertValue({ name: 'o', type: 'object' }, '[1]')).toThrow(/"o" must be a JSON object/);
    expect(() => convertValue({ name: 'o', type: 'object' }, '{nope')).toThrow(/not valid JSON/);
    expect(() => convertValue({ name: 'f', type: 'file' }, 'not a url')).toThrow(/must be a file/);
  });

  it('lays typed fields over the raw JSON; empty and unresolved fields leave the JSON value', () => {
    const fields = [
      { name: 'name', type: 'string' },
      { name: 'count', type: 'number' },
    ];
    expect(
      buildWorkflowInput(
        { inputJson: '{"name":"A","count":1,"x":2}', input__name: '', input__count: '{{9__c}}' },
        fields,
      ),
    ).toEqual({ name: 'A', count: 1, x: 2 });
    expect(buildWorkflowInput({ inputJson: '', input__name: 'B', input__count: 4 }, fields)).toEqual({
      name: 'B',
      count: 4,
    });
    expect(buildWorkflowInput({ inputJson: '{{5__json}}', input__gone: 'kept as is' }, fields)).toEqual({
      gone: 'kept as is',
    });
  });
});
