// The Sim a live run talks to, from the environment (names fixed: the CI workflow and scripts/live-bootstrap.mjs set them).
//   SIM_BASE_URL, SIM_API_KEY                     the server and a key of its workspace
//   SIM_LIVE_ECHO_WORKFLOW_ID                     inputs name (string), count (number); returns { name, count, doubled }
//   SIM_LIVE_FAIL_WORKFLOW_ID                     always fails
//   SIM_LIVE_SLOW_WORKFLOW_ID                     waits ~25 s, then echoes
//   SIM_WORKSPACE_ID (optional)                   enables the workspace log lookups
//   SIM_LIVE_HITL_WORKFLOW_ID (optional)          Start(name) → Prep → Human (form: approved, comment) → After: paused runs and resume
export interface LiveEnv {
  baseUrl: string;
  apiKey: string;
  echo: string;
  fail: string;
  slow: string;
  workspaceId: string | undefined;
  hitl: string | undefined;
}

const REQUIRED = [
  'SIM_BASE_URL',
  'SIM_API_KEY',
  'SIM_LIVE_ECHO_WORKFLOW_ID',
  'SIM_LIVE_FAIL_WORKFLOW_ID',
  'SIM_LIVE_SLOW_WORKFLOW_ID',
] as const;

const missing = REQUIRED.filter((name) => !process.env[name]?.trim());

export const live: LiveEnv | undefined = missing.length
  ? undefined
  : {
      baseUrl: process.env['SIM_BASE_URL']!.trim(),
      apiKey: process.env['SIM_API_KEY']!.trim(),
      echo: process.env['SIM_LIVE_ECHO_WORKFLOW_ID']!.trim(),
      fail: process.env['SIM_LIVE_FAIL_WORKFLOW_ID']!.trim(),
      slow: process.env['SIM_LIVE_SLOW_WORKFLOW_ID']!.trim(),
      workspaceId: process.env['SIM_WORKSPACE_ID']?.trim() || undefined,
      hitl: process.env['SIM_LIVE_HITL_WORKFLOW_ID']?.trim() || undefined,
    };

export const skipReason = missing.length
  ? `Live conformance suite skipped: set ${missing.join(', ')} (see test/live/README.md) to run it against a Sim server.`
  : '';

/** A unique tag per test, so each run can be found again in the logs. */
export const tag = (label: string): string =>
  `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Stand-in while skipped (describe bodies still run to collect the tests). */
export const EMPTY_ENV: LiveEnv = {
  baseUrl: 'http://127.0.0.1:9',
  apiKey: '',
  echo: '',
  fail: '',
  slow: '',
  workspaceId: undefined,
  hitl: undefined,
};
