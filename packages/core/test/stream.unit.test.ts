import { describe, expect, it } from 'vitest';
import { SimStreamError, type TransportResponse } from '../src/index.js';
import { PARTIAL_TEXT_LIMIT } from '../src/runs/stream.js';
import { fakeClient, json } from './fake.js';

function sse(parts: Array<string | Uint8Array>): TransportResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    body: (async function* () {
      for (const p of parts) yield p;
    })(),
  };
}
const ev = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;

describe('stream parsing (scripted transport)', () => {
  it('yields typed chunk/final events; quoted and bare [DONE] both end the stream', async () => {
    for (const done of ['data: "[DONE]"\n\n', 'data: [DONE]\n\n']) {
      const { client, requests } = fakeClient(() =>
        sse([
          ev({ blockId: 'agent-1', chunk: 'Hel' }),
          ev({ blockId: 'agent-1', chunk: 'lo' }),
          ev({ event: 'final', data: { success: true, output: { a: 1 } } }),
          done,
          ev({ blockId: 'x', chunk: 'ignored after done' }),
        ]),
      );
      const stream = client.streamWorkflow('wf-stream', { input: { chunks: 2 } });
      const events = [];
      for await (const e of stream) events.push(e);
      expect(events).toEqual([
        { type: 'chunk', blockId: 'agent-1', chunk: 'Hel' },
        { type: 'chunk', blockId: 'agent-1', chunk: 'lo' },
        { type: 'final', data: { success: true, output: { a: 1 } } },
      ]);
      const body = JSON.parse(requests[0]!.body!);
      expect(body).toEqual({ chunks: 2, stream: true });
      expect(requests[0]!.headers['x-execution-id']).toBe(stream.executionId);
      expect(requests[0]!.responseType).toBe('stream');
    }
  });
  it('reassembles events split at any byte, including inside multi-byte characters', async () => {
    const text =
      ev({ blockId: 'b', chunk: 'héllo → 世界' }) +
      ev({ event: 'final', data: { success: true, output: {} } }) +
      'data: "[DONE]"\n\n';
    const bytes = new TextEncoder().encode(text);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 3) parts.push(bytes.slice(i, i + 3));
    const { client } = fakeClient(() => sse(parts));
    const res = await client.collectStream(client.streamWorkflow('wf'));
    expect(res.text).toBe('héllo → 世界');
    expect(res.status).toBe('completed');
  });
  it('yields an in-band error event, then throws SimStreamError (collectStream resolves failed)', async () => {
    const body = () =>
      sse([ev({ blockId: 'b', chunk: 'partial' }), ev({ event: 'error', error: 'boom: Eve' }), 'data: "[DONE]"\n\n']);
    const { client } = fakeClient(body);
    const seen: string[] = [];
    const err = await (async () => {
      for await (const e of client.streamWorkflow('wf')) seen.push(e.type);
    })().catch((e) => e);
    expect(seen).toEqual(['chunk', 'error']);
    expect(err).toBeInstanceOf(SimStreamError);
    expect(err.kind).toBe('workflow');
    expect(err.error).toBe('boom: Eve');
    expect(err.partialText).toBe('partial');
    const res = await client.collectStream(client.streamWorkflow('wf'));
    expect(res).toMatchObject({ status: 'failed', error: 'boom: Eve', text: 'partial' });
  });
  it('a stream that ends before final/[DONE] throws SimStreamError with the partial text and chunk count', async () => {
    const { client } = fakeClient(() => sse([ev({ blockId: 'b', chunk: 'ab' }), ev({ blockId: 'b', chunk: 'cd' })]));
    const err = await client.collectStream(client.streamWorkflow('wf')).catch((e) => e);
    expect(err).toBeInstanceOf(SimStreamError);
    expect(err.kind).toBe('truncated');
    expect(err.partialText).toBe('abcd');
    expect(err.chunkCount).toBe(2);
  });
  it('keeps only a bounded tail as partialText', async () => {
    const chunk = 'x'.repeat(10_000);
    const parts = Array.from({ length: 50 }, (_, i) => ev({ blockId: 'b', chunk: i === 49 ? 'END' : chunk }));
    const { client } = fakeClient(() => sse(parts));
    const stream = client.streamWorkflow('wf');
    const err = await (async () => {
      for await (const _ of stream) void _;
    })().catch((e) => e);
    expect(err.chunkCount).toBe(50);
    expect(err.partialText.length).toBe(PARTIAL_TEXT_LIMIT);
    expect(err.partialText.endsWith('END')).toBe(true);
  });
  it('an API error before the stream starts is a SimApiError', async () => {
    const { client } = fakeClient(() => json(403, { error: 'Workflow is not deployed' }));
    const err = await client
      .streamWorkflow('wf-undeployed')
      .text()
      .catch((e) => e);
    expect(err.status).toBe(403);
    expect(err.message).toContain('Deploy the workflow');
  });
  it('a JSON answer instead of an event stream becomes one final event', async () => {
    const { client } = fakeClient(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: (async function* () {
        yield '{"success":true,"executionId":"srv-1",';
        yield '"output":{"a":1}}';
      })(),
    }));
    const res = await client.collectStream(client.streamWorkflow('wf'));
    expect(res).toMatchObject({ status: 'completed', output: { a: 1 }, executionId: 'srv-1', text: '' });
  });
  it('can be iterated once only', async () => {
    const { client } = fakeClient(() => sse(['data: "[DONE]"\n\n']));
    const s = client.streamWorkflow('wf');
    await s.text();
    expect(() => s[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
