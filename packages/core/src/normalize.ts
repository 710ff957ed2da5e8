// Turning the server's various run answers into one RunResult shape.
import { isRecord } from './errors.js';
import type { RunResult } from './types.js';

/**
 * A Response block's answer inside an async job or a stream's final event is recorded as
 * `{ data, status, headers }`. Returns the parts when `output` has exactly that shape.
 */
export function unwrapResponseBlock(output: unknown): { output: unknown; response?: RunResult['response'] } {
  if (isRecord(output)) {
    const keys = Object.keys(output);
    const status = output['status'];
    const headers = output['headers'];
    if (
      keys.length === 3 &&
      'data' in output &&
      typeof status === 'number' &&
      Number.isInteger(status) &&
      status >= 100 &&
      status <= 599 &&
      isRecord(headers) &&
      Object.values(headers).every((v) => typeof v === 'string')
    ) {
      const lower: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v as string;
      return { output: output['data'], response: { status, headers: lower } };
    }
  }
  return { output };
}

/** True when `value` looks like Sim's run envelope `{ success, output?, executionId?, error? }`. */
export function isRunEnvelope(value: unknown): value is Record<string, unknown> & { success: boolean } {
  return (
    isRecord(value) &&
    typeof value['success'] === 'boolean' &&
    ('output' in value || 'executionId' in value || 'error' in value || 'metadata' in value || 'executedAt' in value)
  );
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function durationFromMetadata(metadata: unknown): number | undefined {
  if (!isRecord(metadata)) return undefined;
  const d = numberOr(metadata['duration']);
  if (d !== undefined) return Math.round(d);
  const start = typeof metadata['startedAt'] === 'string' ? Date.parse(metadata['startedAt']) : NaN;
  const end = typeof metadata['completedAt'] === 'string' ? Date.parse(metadata['completedAt']) : NaN;
  return Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : undefined;
}
