// The pure modules: input validation, truncation, Markdown, the stop-commands printer, signals.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { watchSignals, SignalCancellation } from '../src/cancel.js';
import { InputError, readInputs, parseSelectedOutputs, parseBaseUrl, parseTimeoutSeconds } from '../src/inputs.js';
import { UntrustedBlock, printUntrusted } from '../src/log.js';
import { codeBlock, codeSpan, formatDuration, resultMarkdown } from '../src/markdown.js';
import { formatOutputs } from '../src/outputs.js';
import { commentMarker } from '../src/pr-comment.js';
import { OUTPUT_LIMIT, truncate } from '../src/truncate.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

/** The error `fn` throws; fails the test when it returns instead. */
function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  expect.fail('expected the call to throw, but it returned');
}

const minimal = { 'api-key': 'k', 'workflow-id': 'wf-1' };

describe('readInputs', () => {
  it('applies the documented defaults', () => {
    expect(readInputs(reader(minimal))).toEqual({
      apiKey: 'k',
      baseUrl: 'https://www.sim.ai',
      workflowId: 'wf-1',
      input: {},
      mode: 'async',
      wait: true,
      timeoutSeconds: 1800,
      cancelOnTimeout: true,
      selectedOutputs: [],
      failOnError: true,
      includeGithubContext: false,
      commentOnPr: false,
      githubToken: '',
      resume: null,
    });
  });

  it('reads every input', () => {
    const parsed = readInputs(
      reader({
        ...minimal,
        'base-url': 'http://sim.internal:3000/',
        input: '{"a":1}',
        mode: 'STREAM',
        wait: 'False',
        'timeout-seconds': '2.5',
        'cancel-on-timeout': 'false',
        'selected-outputs': 'agent1.content, fn.result\nother.x,,',
        'fail-on-error': 'FALSE',
        'include-github-context': 'true',
        'comment-on-pr': 'true',
        'github-token': 'ghs_x',
      }),
    );
    expect(parsed).toMatchObject({
      baseUrl: 'http://sim.internal:3000',
      input: { a: 1 },
      mode: 'stream',
      wait: false,
      timeoutSeconds: 2.5,
      cancelOnTimeout: false,
      selectedOutputs: ['agent1.content', 'fn.result', 'other.x'],
      failOnError: false,
      includeGithubContext: true,
      commentOnPr: true,
    });
  });

  it.each([
    [{ input: 'nope' }, 'input'],
    [{ input: 'null' }, 'input'],
    [{ input: '42' }, 'input'],
    [{ mode: 'batch' }, 'mode'],
    [{ 'timeout-seconds': 'abc' }, 'timeout-seconds'],
    [{ 'timeout-seconds': '-5' }, 'timeout-seconds'],
    [{ 'timeout-seconds': '1e3' }, 'timeout-seconds'],
    [{ 'timeout-seconds': '99999999' }, 'timeout-seconds'],
    [{ 'base-url': 'javascript:alert(1)' }, 'base-url'],
    [{ 'base-url': 'https://user:pw@sim.ai' }, 'base-url'],
    [{ 'base-url': 'https://sim.ai/?x=1' }, 'base-url'],
    [{ 'fail-on-error': '1' }, 'fail-on-error'],
    [{ 'selected-outputs': 'agent 1.content' }, 'selected-outputs'],
    [{ 'include-github-context': 'true', input: '{"github":1}' }, 'input'],
    [{ 'comment-on-pr': 'true' }, 'github-token'],
  ])('rejects %j naming `%s`', (override, name) => {
    const error = thrownBy(() => readInputs(reader({ ...minimal, ...override })));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe(name);
    expect(error.message.startsWith(`Input \`${name}\`: `)).toBe(true);
  });

  it('never echoes the api key, and shortens long values in messages', () => {
    expect(() => readInputs(reader({ 'api-key': 'sk-secret', 'workflow-id': '' }))).toThrow(/workflow-id/);
    const error = thrownBy(() => readInputs(reader({ ...minimal, 'api-key': 'sk-secret', mode: 'x'.repeat(500) })));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('mode');
    expect(error.message).not.toContain('sk-secret');
    expect(error.message.length).toBeLessThan(200);
  });

  it('small parsers', () => {
    expect(parseSelectedOutputs('a.b,a.b\n c.d ')).toEqual(['a.b', 'c.d']);
    expect(parseBaseUrl('https://www.sim.ai///')).toBe('https://www.sim.ai');
    expect(parseTimeoutSeconds('30')).toBe(30);
  });
});

describe('truncate and outputs', () => {
  it('keeps short text and cuts long text to the limit including the note', () => {
    expect(truncate('abc', 5, () => '!')).toEqual({ text: 'abc', truncated: false, originalLength: 3 });
    const cut = truncate('abcdefghij', 6, (n) => `[${n}]`);
    expect(cut).toEqual({ text: 'ab[10]', truncated: true, originalLength: 10 });
    expect(cut.text.length).toBe(6);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('ab😀😀😀', 4, () => '…');
    expect(cut.text).toBe('ab…');
  });

  it('formats all seven outputs, truncating a huge output with a note', () => {
    const small = formatOutputs({ status: 'completed', executionId: 'e', output: { a: 1 }, durationMs: 12.6 });
    expect(small.values).toEqual({
      'execution-id': 'e',
      'job-id': '',
      status: 'completed',
      output: '{"a":1}',
      error: '',
      'duration-ms': '13',
      'context-id': '',
    });
    const big = formatOutputs({
      status: 'completed',
      executionId: 'e-9',
      output: { text: 'y'.repeat(OUTPUT_LIMIT * 2) },
    });
    expect(big.outputTruncated).toBe(true);
    expect(big.values.output.length).toBeLessThanOrEqual(OUTPUT_LIMIT);
    expect(big.values.output).toContain('execution e-9');
    expect(formatOutputs({ status: 'queued' }).values.output).toBe('');
  });
});

describe('markdown', () => {
  it('fences code so the content cannot close it', () => {
    expect(codeBlock('a ``` b')).toBe('````\na ``` b\n````');
    expect(codeBlock('plain', 'json')).toBe('```json\nplain\n```');
  });

  it('code spans survive pipes, backticks and newlines in table cells', () => {
    expect(codeSpan('a|b')).toBe('`a\\|b`');
    expect(codeSpan('x`y')).toBe('``x`y``');
    expect(codeSpan('l1\nl2')).toBe('`l1 l2`');
  });

  it('durations', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(2500)).toBe('2.5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });

  it('renders the result without links or raw HTML from the workflow', () => {
    const md = resultMarkdown(
      {
        status: 'failed',
        executionId: 'e-1',
        output: { html: '<script>x</script> https://evil.example' },
        error: 'boom <b>',
        durationMs: 1000,
      },
      { workflowId: 'wf|1', mode: 'sync', baseUrl: 'https://www.sim.ai' },
    );
    expect(md).toContain('| Workflow | `wf\\|1` |');
    expect(md).toContain('❌ failed');
    expect(md).toMatch(/```json\n[\s\S]*<script>x<\/script> https:\/\/evil\.example[\s\S]*\n```/);
    expect(md).toMatch(/```text\nboom <b>\n```/);
    expect(md).not.toMatch(/\]\(/); // no Markdown links at all
  });
});

describe('stop-commands printing', () => {
  it('wraps streamed partial lines and always closes on its own line', () => {
    const out: string[] = [];
    const block = new UntrustedBlock((t) => out.push(t), 'tok');
    block.write('');
    expect(out).toEqual([]);
    block.write('::error::x');
    block.write(' more');
    block.end();
    block.end();
    expect(out.join('')).toBe('::stop-commands::tok\n::error::x more\n::tok::\n');
  });

  it('uses a fresh random token each time', () => {
    const a: string[] = [];
    printUntrusted('x', 'Heading:', (t) => a.push(t));
    printUntrusted('y', undefined, (t) => a.push(t));
    const tokens = a.join('').match(/::stop-commands::(\S+)/g) ?? [];
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(tokens[0]).toMatch(/^::stop-commands::sim-[0-9a-f]{32}$/);
  });
});

describe('pr comment marker', () => {
  it('is an HTML comment that a workflow id cannot break out of', () => {
    expect(commentMarker('wf-echo')).toBe('<!-- sim-integrations/github-action workflow=wf-echo -->');
    const m = commentMarker('x --> <img>');
    expect(m.indexOf('-->')).toBe(m.length - 3);
  });
});

describe('watchSignals', () => {
  it('aborts on the first signal, ignores the second, and expires the grace period', () => {
    vi.useFakeTimers();
    try {
      const proc = new EventEmitter();
      const onSignal = vi.fn();
      const onGraceExpired = vi.fn();
      const w = watchSignals({ graceMs: 5000, onSignal, onGraceExpired, proc: proc as unknown as NodeJS.Process });
      proc.emit('SIGINT', 'SIGINT');
      proc.emit('SIGTERM', 'SIGTERM');
      expect(onSignal).toHaveBeenCalledTimes(1);
      expect(w.received).toBe('SIGINT');
      expect(w.controller.signal.aborted).toBe(true);
      expect(w.controller.signal.reason).toBeInstanceOf(SignalCancellation);
      vi.advanceTimersByTime(4999);
      expect(onGraceExpired).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(onGraceExpired).toHaveBeenCalledWith('SIGINT');
      w.dispose();
      expect(proc.listenerCount('SIGINT')).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('dispose before the grace period ends cancels the timer', () => {
    vi.useFakeTimers();
    try {
      const proc = new EventEmitter();
      const onGraceExpired = vi.fn();
      const w = watchSignals({
        graceMs: 100,
        onSignal: () => {},
        onGraceExpired,
        proc: proc as unknown as NodeJS.Process,
      });
      proc.emit('SIGTERM', 'SIGTERM');
      w.dispose();
      vi.advanceTimersByTime(1000);
      expect(onGraceExpired).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
