/** Token buckets per API key (only when the emulator has `rateLimits`). maxBurst = 2 × requestsPerMinute. */
import type { BucketSpec } from './profiles.js';

export interface BucketState extends BucketSpec {
  remaining: number;
  resetAt: string;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  static spec(burst: number): BucketSpec {
    return { maxBurst: burst, requestsPerMinute: Math.max(1, Math.ceil(burst / 2)) };
  }

  private bucket(key: string, spec: BucketSpec): Bucket {
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: spec.maxBurst, updatedMs: now };
      this.buckets.set(key, b);
    } else {
      const refill = ((now - b.updatedMs) / 60_000) * spec.requestsPerMinute;
      b.tokens = Math.min(spec.maxBurst, b.tokens + refill);
      b.updatedMs = now;
    }
    return b;
  }

  /** Takes one token; false when the bucket is empty. */
  take(key: string, spec: BucketSpec): boolean {
    const b = this.bucket(key, spec);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  state(key: string, spec: BucketSpec): BucketState {
    const b = this.bucket(key, spec);
    const missing = spec.maxBurst - b.tokens;
    const fullInMs = missing > 0 ? (missing / spec.requestsPerMinute) * 60_000 : 60_000;
    return { ...spec, remaining: Math.floor(b.tokens), resetAt: new Date(this.now() + Math.ceil(fullInMs)).toISOString() };
  }

  clear(): void {
    this.buckets.clear();
  }
}
