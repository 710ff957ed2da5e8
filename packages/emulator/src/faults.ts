/** Injected faults: the next N matching requests misbehave in a chosen way. */
export type FaultType = 'status' | 'reset' | 'delay' | 'html' | 'truncated-json' | 'truncated-sse' | 'execute-then-502';
export const FAULT_TYPES: readonly FaultType[] = [
  'status',
  'reset',
  'delay',
  'html',
  'truncated-json',
  'truncated-sse',
  'execute-then-502',
];

export interface Fault {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Path prefix, a RegExp, or a regex source string (matched against the raw and the decoded path). */
  path?: string | RegExp;
  /** How many matching requests this fault applies to (default 1). */
  times?: number;
  type: FaultType;
  /** `status`/`html`: the status to answer (html default 502). */
  status?: number;
  /** `status`: extra response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** `status`: response body (string sent as is, anything else as JSON). */
  body?: unknown;
  /** `delay`: milliseconds to wait before answering normally. */
  delayMs?: number;
  /** `truncated-sse`: events sent before the stream is cut (default 1). */
  afterEvents?: number;
}

interface ActiveFault extends Fault {
  remaining: number;
  regex: RegExp | null;
}

export function validateFault(f: unknown): Fault {
  if (!f || typeof f !== 'object') throw new Error('A fault must be an object like {"type":"status","status":503}.');
  const fault = f as Fault;
  if (!FAULT_TYPES.includes(fault.type))
    throw new Error(`Unknown fault type "${String(fault.type)}". Use one of: ${FAULT_TYPES.join(', ')}.`);
  if (fault.type === 'status' && !(Number.isInteger(fault.status) && fault.status! >= 100 && fault.status! <= 599)) {
    throw new Error('A "status" fault needs an integer "status" between 100 and 599.');
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0))
    throw new Error('"times" must be a positive integer.');
  return fault;
}

export class Faults {
  private active: ActiveFault[] = [];

  add(f: Fault): void {
    const fault = validateFault(f);
    let regex: RegExp | null = null;
    if (fault.path instanceof RegExp) regex = fault.path;
    else if (typeof fault.path === 'string') {
      try {
        regex = new RegExp(fault.path);
      } catch {
        regex = null;
      }
    }
    this.active.push({ ...fault, remaining: fault.times ?? 1, regex });
  }

  /** Finds and consumes the first fault matching this request. */
  take(method: string, rawPath: string): Fault | null {
    let decoded = rawPath;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      /* keep raw */
    }
    for (let i = 0; i < this.active.length; i++) {
      const f = this.active[i]!;
      if (f.method && f.method.toUpperCase() !== method.toUpperCase()) continue;
      if (f.path !== undefined) {
        const prefix = typeof f.path === 'string' && (rawPath.startsWith(f.path) || decoded.startsWith(f.path));
        const re = f.regex !== null && (f.regex.test(rawPath) || f.regex.test(decoded));
        if (!prefix && !re) continue;
      }
      f.remaining--;
      if (f.remaining <= 0) this.active.splice(i, 1);
      return f;
    }
    return null;
  }

  clear(): void {
    this.active = [];
  }

  get pending(): number {
    return this.active.length;
  }
}

export const HTML_ERROR_PAGE = (status: number): string =>
  `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head>\n<body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n`;
