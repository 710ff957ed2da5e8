// Printing text that comes from the workflow (model output, error messages). The runner parses
// every stdout line that starts with `::` as a workflow command, so untrusted text is wrapped in
// `::stop-commands::<token>` … `::<token>::` with a random, unguessable token: inside that block the
// runner treats lines as plain text, and the text cannot end the block because it cannot know the token.
import { randomBytes } from 'node:crypto';

export type Write = (text: string) => void;

const stdoutWrite: Write = (text) => {
  process.stdout.write(text);
};

export function newStopToken(): string {
  return `sim-${randomBytes(16).toString('hex')}`;
}

/** A block of untrusted text in the log; `write` may be called with partial lines (stream chunks). */
export class UntrustedBlock {
  readonly token: string;
  #write: Write;
  #open = false;
  #atLineStart = true;

  constructor(write: Write = stdoutWrite, token: string = newStopToken()) {
    this.#write = write;
    this.token = token;
  }

  write(text: string): void {
    if (text === '') return;
    if (!this.#open) {
      this.#write(`::stop-commands::${this.token}\n`);
      this.#open = true;
    }
    this.#write(text);
    this.#atLineStart = text.endsWith('\n');
  }

  /** Ends the block (re-enabling workflow commands); the end marker always starts its own line. */
  end(): void {
    if (!this.#open) return;
    this.#write(`${this.#atLineStart ? '' : '\n'}::${this.token}::\n`);
    this.#open = false;
    this.#atLineStart = true;
  }

  get isOpen(): boolean {
    return this.#open;
  }
}

/** Prints `text` (untrusted) inside its own stop-commands block, after an optional trusted heading. */
export function printUntrusted(text: string, heading?: string, write: Write = stdoutWrite): void {
  if (heading) write(`${heading}\n`);
  const block = new UntrustedBlock(write);
  block.write(text.endsWith('\n') ? text : `${text}\n`);
  block.end();
}
