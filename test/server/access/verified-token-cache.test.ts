import { exportJWK, generateKeyPair } from 'jose';
import { createDevTokens, type DevTokens } from '../../../server/access/dev-tokens';
import type { IdentityVerifier } from '../../../server/access/identity';
import { cachingVerifier, MAX_AGE_MS } from '../../../server/access/verified-token-cache';

/** Real development tokens, a clock the test moves, and a count of the signature checks made. */
async function setup(maxEntries?: number) {
  let now = new Date('2026-03-02T09:30:00.000Z').getTime();
  const clock = { now: () => new Date(now) };
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const tokens: DevTokens = await createDevTokens({ privateJwk: await exportJWK(privateKey), nodeEnv: 'test', requiredScope: 'Scorecard.ReadWrite', clock });
  let checks = 0;
  const counting: IdentityVerifier = {
    verify: (authorization) => {
      checks++;
      return tokens.verifier.verify(authorization);
    },
  };
  return {
    verifier: cachingVerifier(counting, clock, maxEntries),
    bearer: async (email: string, ttlSeconds = 3600) => `Bearer ${await tokens.sign({ email, ttlSeconds })}`,
    checks: () => checks,
    advance: (ms: number) => (now += ms),
  };
}

describe('verified tokens are remembered', () => {
  it('checks a token once, then answers the same principal for it', async () => {
    const t = await setup();
    const ann = await t.bearer('ann@example.com');
    const first = await t.verifier.verify(ann);
    const again = await t.verifier.verify(ann);
    expect(first.ok && again.ok && again.value).toEqual(first.ok && first.value);
    expect(first.ok && first.value.email).toBe('ann@example.com');
    expect(t.checks()).toBe(1);
    // Another token, even of the same user, is another check.
    await t.verifier.verify(await t.bearer('ann@example.com', 1800));
    expect(t.checks()).toBe(2);
  });

  it('never past the token’s expiry: an expired token is checked again, and refused', async () => {
    const t = await setup();
    const short = await t.bearer('ann@example.com', 120);
    expect((await t.verifier.verify(short)).ok).toBe(true);
    // Past exp and the verifier's clock tolerance (60 s).
    t.advance(190_000);
    const late = await t.verifier.verify(short);
    expect(late.ok ? 'accepted' : late.error.reason).toBe('expired');
    expect(t.checks()).toBe(2);
  });

  it('at most MAX_AGE_MS, even for a long-lived token', async () => {
    const t = await setup();
    const ann = await t.bearer('ann@example.com', 8 * 3600);
    await t.verifier.verify(ann);
    t.advance(MAX_AGE_MS - 1);
    await t.verifier.verify(ann);
    expect(t.checks()).toBe(1);
    t.advance(2);
    expect((await t.verifier.verify(ann)).ok).toBe(true);
    expect(t.checks()).toBe(2);
  });

  it('never remembers a failure: a forged token is checked and refused every time', async () => {
    const t = await setup();
    const ann = await t.bearer('ann@example.com');
    const [head, payload] = ann.slice('Bearer '.length).split('.');
    const forged = `Bearer ${head}.${payload}.${'A'.repeat(86)}`;
    for (let i = 0; i < 3; i++) expect((await t.verifier.verify(forged)).ok).toBe(false);
    expect(t.checks()).toBe(3);
    expect((await t.verifier.verify(undefined)).ok).toBe(false);
  });

  it('keeps the newest tokens only', async () => {
    const t = await setup(2);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((u) => t.bearer(`${u}@example.com`)));
    for (const token of [a!, b!, c!]) await t.verifier.verify(token);
    await t.verifier.verify(c!);
    await t.verifier.verify(b!);
    expect(t.checks()).toBe(3);
    await t.verifier.verify(a!);
    expect(t.checks()).toBe(4);
  });
});
