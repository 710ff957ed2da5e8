/** Server-sent events in Sim's exact format: `data: <json>\n\n`, ending with `data: "[DONE]"`. */
import type { ServerResponse } from 'node:http';
import type { Chunk } from './workflows.js';

export const DONE = 'data: "[DONE]"\n\n';
const TAIL = Buffer.from('"}\n\n', 'latin1');

export class SseWriter {
  private sent = 0;
  private closed = false;

  /** @param maxEvents cut the stream (no `[DONE]`) after this many events (truncated-sse fault). */
  constructor(
    private readonly res: ServerResponse,
    private readonly maxEvents: number | null = null,
  ) {
    res.on('close', () => {
      this.closed = true;
    });
  }

  get isClosed(): boolean {
    return this.closed || this.res.destroyed;
  }

  /** Writes one event; waits for 'drain' when the socket buffer is full (backpressure). */
  async event(data: unknown): Promise<void> {
    await this.raw(`data: ${JSON.stringify(data)}\n\n`);
  }

  /**
   * Writes a chunk event `{"blockId":…,"chunk":…}` without building the chunk text: the label, then a view of the
   * shared filler bytes (chunk text is JSON-safe ASCII, so it needs no escaping).
   */
  async chunk(blockId: string, chunk: Chunk): Promise<void> {
    if (!this.admit()) return;
    const [label, filler] = chunk.parts();
    const head = Buffer.from(`data: {"blockId":${JSON.stringify(blockId)},"chunk":"${label}`, 'latin1');
    const ok = this.res.write(Buffer.concat([head, filler, TAIL], head.length + filler.length + TAIL.length));
    if (!ok) await this.drained();
  }

  async done(): Promise<void> {
    await this.raw(DONE);
    this.end();
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }

  /** Counts one more event; false when the stream is closed or cut (truncated-sse). */
  private admit(): boolean {
    if (this.isClosed || this.res.writableEnded) return false;
    if (this.maxEvents !== null && this.sent >= this.maxEvents) {
      this.end();
      return false;
    }
    this.sent++;
    return true;
  }

  private async raw(text: string): Promise<void> {
    if (!this.admit()) return;
    if (!this.res.write(text)) await this.drained();
  }

  /** Waits for 'drain' (backpressure) or for the client to go away. */
  private drained(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}
