/** Server-sent events in Sim's exact format: `data: <json>\n\n`, ending with `data: "[DONE]"`. */
import type { ServerResponse } from 'node:http';

export const DONE = 'data: "[DONE]"\n\n';

export class SseWriter {
  private sent = 0;
  private closed = false;

  /** @param maxEvents cut the stream (no `[DONE]`) after this many events (truncated-sse fault). */
  constructor(private readonly res: ServerResponse, private readonly maxEvents: number | null = null) {
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

  async done(): Promise<void> {
    await this.raw(DONE);
    this.end();
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }

  private async raw(text: string): Promise<void> {
    if (this.isClosed || this.res.writableEnded) return;
    if (this.maxEvents !== null && this.sent >= this.maxEvents) {
      this.end();
      return;
    }
    this.sent++;
    if (!this.res.write(text)) {
      await new Promise<void>((resolve) => {
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
}
