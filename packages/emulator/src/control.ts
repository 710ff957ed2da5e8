/** Control endpoints under `/__emulator` (not authenticated, not journaled). */
import { SEED } from './seed.js';
import type { EmulatorState } from './state.js';
import type { Ctx, Reply } from './http.js';
import type { Fault } from './faults.js';

export function control(state: EmulatorState, ctx: Ctx): Reply {
  const what = ctx.segments.slice(1).join('/');
  const m = ctx.method;
  const c = (status: number, body: unknown): Reply => ({ status, body, cors: 'none' });
  if (what === '' && m === 'GET')
    return c(200, { profile: state.profile.name, version: state.profile.version, url: state.baseUrl, seed: SEED });
  if (what === 'journal' && m === 'GET') return c(200, state.journal.list());
  if (what === 'journal' && m === 'DELETE') {
    state.journal.clear();
    return c(200, { cleared: true });
  }
  if (what === 'faults' && m === 'POST') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(ctx.body);
    } catch {
      return c(400, { error: 'The fault must be JSON, e.g. {"type":"status","status":503,"path":"/api/jobs/"}' });
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    try {
      for (const f of list) state.faults.add(f as Fault);
    } catch (err) {
      return c(400, { error: (err as Error).message });
    }
    return c(201, { ok: true, pending: state.faults.pending });
  }
  if (what === 'faults' && m === 'DELETE') {
    state.faults.clear();
    return c(200, { ok: true, pending: 0 });
  }
  if (what === 'reset' && m === 'POST') {
    state.reset();
    return c(200, { ok: true });
  }
  return c(404, {
    error: `Unknown control endpoint ${m} /__emulator/${what}. Use GET/DELETE /__emulator/journal, POST/DELETE /__emulator/faults, POST /__emulator/reset.`,
  });
}
