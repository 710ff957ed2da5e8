/** Request journal: what clients sent, for assertions in tests. Control traffic is not journaled. */
export interface JournalEntry {
  method: string;
  /** Raw path as received (no query), e.g. with `%3A`. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
  /** Response status; 0 while unanswered or when the connection was reset. */
  status: number;
  /** Epoch milliseconds when the request arrived. */
  at: number;
}

export class Journal {
  private entries: JournalEntry[] = [];

  add(entry: JournalEntry): JournalEntry {
    this.entries.push(entry);
    return entry;
  }

  list(): JournalEntry[] {
    return this.entries.map((e) => ({ ...e, query: { ...e.query }, headers: { ...e.headers } }));
  }

  clear(): void {
    this.entries = [];
  }
}
