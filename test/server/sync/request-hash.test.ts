import { bodyRequestHashOf, requestHashOf } from '../../../server/sync/request-hash';

describe('the request hash an Idempotency-Key is held to', () => {
  const parts = ['PUT', 'ops', 'kpi.xlsx', 'KPI', 3];
  const body = Buffer.from('{"kind":"kpi","mode":"full","rows":[{"cells":{"name":"营收"}}]}');

  it('is the same computed off the thread (a big body) as on it (a small one)', async () => {
    await expect(bodyRequestHashOf(parts, body)).resolves.toBe(requestHashOf(parts, body));
    for (const size of [256 * 1024 - 1, 256 * 1024, 3 * 1024 * 1024]) {
      const big = Buffer.alloc(size, 'x');
      await expect(bodyRequestHashOf(parts, big)).resolves.toBe(requestHashOf(parts, big));
    }
  });

  it('differs for another body, another base revision, or the same body re-spaced', async () => {
    const hash = await bodyRequestHashOf(parts, body);
    expect(await bodyRequestHashOf(parts, Buffer.from(body.toString().replace('营收', '毛利')))).not.toBe(hash);
    expect(await bodyRequestHashOf(['PUT', 'ops', 'kpi.xlsx', 'KPI', 4], body)).not.toBe(hash);
    // Bytes, not meaning: a client retries with the bytes it sent.
    expect(await bodyRequestHashOf(parts, Buffer.from(body.toString().replace(':', ': ')))).not.toBe(hash);
  });
});
