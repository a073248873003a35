// A token verified once is taken again without verifying it, but never past its exp, never under
// another secret, and never when a single byte of it differs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { authenticate, mintToken, VerifiedTokens } from './auth.ts';
import { ApiProblem } from './problem.ts';

const SECRET = 's'.repeat(40);
const options = { jwtSecret: SECRET, apiKeys: [] };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiProblem);
  return (error as ApiProblem).detail;
}

afterEach(() => vi.useRealTimers());

describe('verified tokens', () => {
  it('answers the same principal from the cache, each caller its own copy', async () => {
    const verified = new VerifiedTokens();
    const token = await mintToken(SECRET, { role: 'area_supervisor', staffId: 'S9', areas: ['A1'] });
    const first = await authenticate(bearer(token), options, verified);
    first.areas!.push('A2');
    const again = await authenticate(bearer(token), options, verified);
    expect(again).toEqual({ subject: 'staff:S9', role: 'area_supervisor', staffId: 'S9', areas: ['A1'], via: 'jwt' });
  });

  it('refuses a cached token once it has expired, with the reason', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-01T08:00:00Z'));
    const verified = new VerifiedTokens();
    const token = await mintToken(SECRET, { role: 'province_admin', ttlSeconds: 60 });
    await authenticate(bearer(token), options, verified);
    vi.setSystemTime(new Date('2026-05-01T08:00:59Z'));
    expect((await authenticate(bearer(token), options, verified)).role).toBe('province_admin');
    vi.setSystemTime(new Date('2026-05-01T08:01:00Z'));
    expect(await refusal(authenticate(bearer(token), options, verified))).toBe('The token has expired.');
  });

  it('does not take a token verified under another secret, nor one whose signature differs', async () => {
    const verified = new VerifiedTokens();
    const token = await mintToken(SECRET, { role: 'province_admin' });
    await authenticate(bearer(token), options, verified);
    expect(await refusal(authenticate(bearer(token), { jwtSecret: 'o'.repeat(40), apiKeys: [] }, verified))).toBe('The token is not valid.');
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const forged = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(await refusal(authenticate(bearer(forged), options, verified))).toBe('The token is not valid.');
  });

  it('keeps at most its size, the oldest going first', async () => {
    const verified = new VerifiedTokens(2);
    const principal = { subject: 'x', role: 'hq' as const, via: 'jwt' as const };
    const exp = Math.floor(Date.now() / 1000) + 60;
    verified.set('a', SECRET, exp, principal);
    verified.set('b', SECRET, exp, principal);
    verified.set('c', SECRET, exp, principal);
    expect([verified.get('a', SECRET), verified.get('b', SECRET), verified.get('c', SECRET)].map(Boolean)).toEqual([false, true, true]);
  });
});
