import { createHash, createHmac } from 'node:crypto';
import { MIN_KEY_BYTES, isPseudonym, pseudonymize, pseudonymizer } from '../../../server/access/pseudonym';

const keyA = new Uint8Array(32).map((_, i) => i + 1);
const keyB = new Uint8Array(32).map((_, i) => 255 - i);

describe('pseudonymize', () => {
  it.each([['110101199003074578'], ['13800138000'], ['user-42'], [''], ['张三']])('%j: stable under one key, other under another', (id) => {
    const a = pseudonymize(id, keyA);
    expect(pseudonymize(id, keyA)).toBe(a);
    expect(pseudonymize(id, keyB)).not.toBe(a);
    expect(a.startsWith('h:')).toBe(true);
    expect(isPseudonym(a)).toBe(true);
  });

  it('is not a bare SHA-256 of the value, in any encoding', () => {
    const id = '110101199003074578';
    const p = pseudonymize(id, keyA);
    const bare = createHash('sha256').update(id).digest();
    for (const enc of ['hex', 'base64', 'base64url'] as const) expect(p).not.toContain(bare.toString(enc));
  });

  it('is HMAC-SHA256 under the key, base64url', () => {
    const want = createHmac('sha256', keyA).update('user-42', 'utf8').digest('base64url');
    expect(pseudonymize('user-42', keyA)).toBe(`h:${want}`);
  });

  it('keeps different values apart', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `1380013${String(i).padStart(4, '0')}`);
    expect(new Set(ids.map((id) => pseudonymize(id, keyA))).size).toBe(1000);
  });

  it('does not show the value', () => {
    expect(pseudonymize('13800138000', keyA)).not.toContain('13800138000');
  });

  it('gives the same answer through a prepared pseudonymizer', () => {
    const p = pseudonymizer(keyA);
    expect(p('user-42')).toBe(pseudonymize('user-42', keyA));
  });

  it.each([[new Uint8Array(0)], [new Uint8Array(MIN_KEY_BYTES - 1)]])('refuses a short key (%#)', (key) => {
    expect(() => pseudonymize('x', key)).toThrow(RangeError);
    expect(() => pseudonymizer(key)).toThrow(RangeError);
  });

  it.each([['h:abc'], ['user-42'], ['']])('%j is not one of our pseudonyms', (v) => {
    expect(isPseudonym(v)).toBe(false);
  });
});
