import type { LogEntry, SimClient } from '@sim-integrations/core';

/**
 * What the trigger remembers between polls (n8n's node static data): the `startedAt` of the newest
 * log it has emitted, and the ids of the logs it emitted at exactly that time. Logs are read oldest
 * first from the watermark on (inclusive), so a page boundary or several runs starting in the same
 * millisecond neither repeat nor lose a log.
 */
export interface PollState {
	watermark?: string;
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

/**
 * New execution logs since the last poll, oldest first.
 * - manual mode ("Fetch Test Event"): the newest matching log as a sample, state untouched;
 * - first activation: remembers the newest existing log and emits nothing (no flood of history);
 * - later polls: every log from the watermark on that was not emitted yet.
 */
export async function pollNewLogs(
	client: SimClient,
	state: PollState,
	filters: PollFilters,
	manual: boolean,
): Promise<LogEntry[]> {
	const query = baseQuery(filters);
	if (manual) {
		const page = await client.queryLogs({ ...query, order: 'desc', limit: 1 });
		return (page.data ?? []).slice(0, 1);
	}

	if (!state.watermark) {
		const page = await client.queryLogs({ ...query, order: 'desc', limit: PAGE_SIZE });
		const logs = page.data ?? [];
		const newest = logs[0];
		if (newest) {
			state.watermark = newest.startedAt ?? EPOCH;
			state.seenIds = logs
				.filter((log) => time(log.startedAt) === time(newest.startedAt))
				.map((log) => log.id ?? '');
		} else {
			state.watermark = EPOCH;
			state.seenIds = [];
		}
		return [];
	}

	const previous = time(state.watermark);
	const seen = new Set(state.seenIds ?? []);
	let watermark = state.watermark;
	let atWatermark = new Set(seen);
	const fresh: LogEntry[] = [];
	const logs = client.iterateLogs({ ...query, order: 'asc', startDate: state.watermark, limit: PAGE_SIZE });
	for await (const log of logs) {
		const started = time(log.startedAt);
		if (started < previous) continue;
		const id = log.id ?? '';
		if (started === previous && seen.has(id)) continue;
		fresh.push(log);
		if (started !== time(watermark)) {
			watermark = log.startedAt ?? watermark;
			atWatermark = new Set();
		}
		atWatermark.add(id);
		if (fresh.length >= MAX_LOGS_PER_POLL) break;
	}
	if (fresh.length) {
		state.watermark = watermark;
		state.seenIds = [...atWatermark];
	}
	return fresh;
}
