import { z } from 'zod';
import { validate } from '../../../server/http/validate';

/** A 400's words follow the caller's language: the detail, and zod's own messages per field. */
describe('validation problems in the caller\'s language', () => {
  const schema = z.object({ count: z.number(), name: z.string().regex(/^[a-z]+$/, 'lower-case letters only') });

  it('says it in Chinese to a zh-CN caller, and keeps a schema\'s own message as written', () => {
    const res = validate(schema, { count: 'x', name: 'X1' }, 'body', 'zh-CN');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.detail).toBe('请求内容无效。');
    const errors = res.error.extra.errors!;
    expect(errors.find((e) => e.path === '/count')!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(errors.find((e) => e.path === '/name')!.message).toBe('lower-case letters only');
  });

  it('in English by default', () => {
    const res = validate(schema, { count: 'x', name: 'a' }, 'query');
    expect(res.ok ? null : [res.error.detail, res.error.extra.errors![0]!.message]).toEqual(['The request query is not valid.', expect.stringMatching(/expected number/i)]);
  });
});
