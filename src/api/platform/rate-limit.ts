// Requests per client, as a token bucket per key (the principal's subject, or the remote address for
// callers that did not authenticate). In memory: each hub process limits on its own, which is what a
// single-instance deployment needs; behind several instances, divide the limit or put a Redis-backed
// store behind this same interface.

import { ApiProblem } from './problem.ts';

export interface RateLimiter {
  /** Takes one token; answers the seconds to wait when there is none. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export interface TokenBucketOptions {
  /** Tokens added per minute, and the bucket size (the burst a quiet client may spend at once). */
  perMinute: number;
  burst?: number;
  /** Buckets kept at most; the least recently used go first (a flood of spoofed keys stays bounded). */
  maxKeys?: number;
  now?: () => number;
}

export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: TokenBucketOptions) {
    this.ratePerMs = options.perMinute / 60_000;
    this.burst = options.burst ?? options.perMinute;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    this.buckets.delete(key); // re-insert: Map order is the LRU order
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.ratePerMs);
    bucket.at = now;
    let answer: { ok: true } | { ok: false; retryAfterSeconds: number };
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      answer = { ok: true };
    } else {
      answer = { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.ratePerMs / 1000)) };
    }
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return answer;
  }
}

/** Throws the 429 problem with Retry-After when `key` has no token left. */
export function enforceRateLimit(limiter: RateLimiter, key: string): void {
  const answer = limiter.take(key);
  if (answer.ok) return;
  throw new ApiProblem('tooManyRequests', `Rate limit reached; retry in ${answer.retryAfterSeconds} s.`, {
    headers: { 'retry-after': String(answer.retryAfterSeconds) },
  });
}
