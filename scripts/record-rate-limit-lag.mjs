// Records when a real Sim takes an execute's token from the rate limiter's bucket, as seen through usage-limits
// (packages/emulator/recordings/sim-server-facts.md §rate-limit-lag; the emulator's `rateLimitLagMs`).
//
// Three readers read usage-limits back to back while one sync execute of the echo workflow runs. The token left after
// the last read sent after the execute that still counted it, and before the first read answered that did not.
//
//   set -a; . live.env; set +a; node scripts/record-rate-limit-lag.mjs [trials]
//   (SIM_BASE_URL, SIM_API_KEY, SIM_LIVE_ECHO_WORKFLOW_ID: the live suite's environment, test/live/README.md)
const { SIM_BASE_URL: base, SIM_API_KEY: key, SIM_LIVE_ECHO_WORKFLOW_ID: workflowId } = process.env;
if (!base || !key || !workflowId) {
  console.error('Set SIM_BASE_URL, SIM_API_KEY and SIM_LIVE_ECHO_WORKFLOW_ID (the live suite environment).');
  process.exit(2);
}
const headers = { 'x-api-key': key, 'content-type': 'application/json' };
const t0 = performance.now();
const ms = () => Math.round(performance.now() - t0);
const pause = (n) => new Promise((resolve) => setTimeout(resolve, n));

async function read() {
  const sent = ms();
  const body = await (await fetch(`${base}/api/users/me/usage-limits`, { headers })).json();
  return { sent, answered: ms(), remaining: body.rateLimit?.sync?.remaining };
}

const rows = [];
for (let trial = 0; trial < Number(process.argv[2] || 8); trial++) {
  const before = (await read()).remaining;
  const reads = [];
  let reading = true;
  const reader = async (offset) => {
    await pause(offset);
    while (reading) reads.push(await read());
  };
  const readers = [reader(0), reader(20), reader(40)];
  await pause(150);
  const sent = ms();
  const res = await fetch(`${base}/api/workflows/${workflowId}/execute`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'lag', count: trial }),
  });
  await res.text();
  const answered = ms();
  await pause(300);
  reading = false;
  await Promise.all(readers);
  const stillCounted = reads.filter((r) => r.remaining === before && r.sent > sent).sort((a, b) => b.sent - a.sent)[0];
  const spent = reads.filter((r) => r.remaining === before - 1).sort((a, b) => a.answered - b.answered)[0];
  rows.push({
    status: res.status,
    executeMs: answered - sent,
    tokenLeftAfterMs: stillCounted ? stillCounted.sent - sent : null,
    tokenLeftBeforeMs: spent ? spent.answered - sent : null,
    readMs: Math.round(reads.reduce((sum, r) => sum + r.answered - r.sent, 0) / reads.length),
  });
  await pause(500);
}
console.table(rows);
