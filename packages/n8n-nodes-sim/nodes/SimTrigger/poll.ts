import type { LogEntry, SimClient } from '@sim-integrations/core';

/**
 * What the trigger remembers between polls (n8n's node static data).
 *
 * A run's log appears when the run finishes but carries the run's `startedAt`, so a long run can show
 * up behind logs that were already emitted. Each poll therefore reads from `watermark - lookback`, and
 * dedupes by log id:
 * - `watermark`: the newest `startedAt` emitted (or, after the first activation, the newest existing);
 * - `emitted`: log id → `startedAt` (ms) of every log emitted (or existing at activation) that started
 *   at or after `emittedSince`; ids older than the window are pruned, so this stays bounded;
 * - `emittedSince`: from when on `emitted` is complete. Logs before it are never read again, so growing
 *   the lookback later cannot repeat logs that were pruned.
 * `seenIds` is the state of earlier versions (only the ids at the watermark); it is migrated on read.
 */
export interface PollState {
	watermark?: string;
	emitted?: Record<string, number>;
	emittedSince?: string;
	seenIds?: string[];
}

export interface PollFilters {
	workspaceId: string;
	workflowIds: string[];
	triggers: string[];
	level?: 'info' | 'error';
}

/** Logs emitted per poll at most; the rest follow on the next poll (the watermark only moves forward). */
export const MAX_LOGS_PER_POLL = 1000;
/** How far before the watermark each poll reads again, for runs that finish after newer ones. */
export const DEFAULT_LOOKBACK_MINUTES = 60;
const PAGE_SIZE = 100;
/** Before the first log ever matching the filters: everything after activation is new. */
const EPOCH = '1970-01-01T00:00:00.000Z';

type Query = Parameters<SimClient['queryLogs']>[0];

function baseQuery(filters: PollFilters): Query {
	const query: Query = { workspaceId: filters.workspaceId };
	if (filters.workflowIds.length) query.workflowIds = filters.workflowIds.join(',');
	if (filters.triggers.length) query.triggers = filters.triggers.join(',');
	if (filters.level) query.level = filters.level;
	return query;
}

function time(iso: string | undefined): number {
	const ms = iso ? Date.parse(iso) : NaN;
	return Number.isNaN(ms) ? 0 : ms;
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/**
 * New execution logs since the last poll, oldest first (by `startedAt`; a long run that finished late
 * comes after the logs of its own poll that started before it, and may start before logs emitted earlier).
 * - manual mode ("Fetch Test Event"): the newest matching log as a sample, state untouched;
 * - first activation: remembers the newest existing log as the watermark and every existing log of the
 *   lookback window as emitted; emits nothing (no flood of history);
 * - later polls: every log from `watermark - lookback` on whose id was not emitted yet. A run that lasts
 *   longer than the lookback window is still missed.
 */
export async function pollNewLogs(
	client: SimClient,
	state: PollState,
	filters: PollFilters,
	manual: boolean,
	lookbackMinutes = DEFAULT_LOOKBACK_MINUTES,
): Promise<LogEntry[]> {
	const query = baseQuery(filters);
	if (manual) {
		const page = await client.queryLogs({ ...query, order: 'desc', limit: 1 });
		return (page.data ?? []).slice(0, 1);
	}
	const lookbackMs = Math.max(0, lookbackMinutes) * 60_000;

	if (!state.watermark) {
		const page = await client.queryLogs({ ...query, order: 'desc', limit: 1 });
		const watermark = page.data?.[0]?.startedAt ?? EPOCH;
		const since = Math.max(0, time(watermark) - lookbackMs);
		const emitted: Record<string, number> = {};
		if (page.data?.length) {
			for await (const log of client.iterateLogs({ ...query, order: 'asc', startDate: iso(since), limit: PAGE_SIZE })) {
				const started = time(log.startedAt);
				if (started >= since) emitted[log.id ?? ''] = started;
			}
		}
		state.watermark = watermark;
		state.emittedSince = iso(since);
		state.emitted = emitted;
		return [];
	}

	// State of earlier versions: only the ids emitted at exactly the watermark are known.
	const legacy = state.emitted === undefined;
	const emitted: Record<string, number> = legacy
		? Object.fromEntries((state.seenIds ?? []).map((id) => [id, time(state.watermark)]))
		: { ...state.emitted };
	const since = time(state.emittedSince ?? state.watermark);
	const from = Math.max(0, since, time(state.watermark) - lookbackMs);

	let watermark = state.watermark;
	const fresh: LogEntry[] = [];
	let skipped = false;
	const logs = client.iterateLogs({ ...query, order: 'asc', startDate: iso(from), limit: PAGE_SIZE });
	for await (const log of logs) {
		const started = time(log.startedAt);
		const id = log.id ?? '';
		if (started < from || Object.hasOwn(emitted, id)) continue;
		emitted[id] = started;
		// A rate-limited execute attempt (retried with a new id) is not a finished run: skip its entry.
		if (await client.isRejectedAttempt(log)) {
			skipped = true;
			continue;
		}
		fresh.push(log);
		if (started > time(watermark)) watermark = log.startedAt ?? watermark;
		if (fresh.length >= MAX_LOGS_PER_POLL) break;
	}
	if (!fresh.length && !skipped && !legacy) return fresh;

	// Keep only the ids the next poll can read again: from `new watermark - lookback` (never before `from`).
	const cutoff = Math.max(from, time(watermark) - lookbackMs);
	state.watermark = watermark;
	state.emittedSince = iso(cutoff);
	state.emitted = Object.fromEntries(Object.entries(emitted).filter(([, started]) => started >= cutoff));
	delete state.seenIds;
	return fresh;
}
