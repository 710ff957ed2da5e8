/** API-key checks shared by the execute-family routes (execute, cancel, execution resource, resume, paused runs). */
import type { ApiKeyDef } from './seed.js';
import type { EmulatorState } from './state.js';
import { headerValue, json, type Ctx, type Reply } from './http.js';

/** The key of an execute-family request, or the recorded 401 (recordings/sim-server-facts.md §5.2; March: the profile's body). */
export function executeAuth(state: EmulatorState, ctx: Ctx): ApiKeyDef | Reply {
  const key = state.keyOf(headerValue(ctx.req, 'x-api-key'));
  if (key === 'missing') return json(401, state.profile.executeNoKey, { cors: 'execute' });
  if (key === 'invalid') return json(401, { error: 'Invalid API key' }, { cors: 'execute' });
  return key;
}
