// Async iteration over cursor-paginated lists, one page in memory at a time.
import { SimError } from './errors.js';
import type { ListResponse } from './types.js';

export async function* paginate<T, P extends { cursor?: string | undefined }>(
  fetchPage: (params: P) => Promise<ListResponse<T>>,
  params: P,
): AsyncGenerator<T, void, undefined> {
  let cursor = params.cursor;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage({ ...params, cursor });
    for (const item of page.data ?? []) yield item;
    const next = page.nextCursor;
    if (typeof next !== 'string' || next === '') return;
    if (seen.has(next))
      throw new SimError(`Pagination stopped: the server returned the cursor "${next.slice(0, 40)}" twice.`);
    seen.add(next);
    cursor = next;
  }
}
