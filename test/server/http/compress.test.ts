import request from 'supertest';
import { devTokens, testApp } from '../../fixtures/http-harness';

describe('compressed answers (issue 17: fast to open)', () => {
  it('compresses the service’s JSON for a client that accepts it, and leaves small answers alone', async () => {
    const { app } = testApp({ identity: (await devTokens()).verifier });
    const docs = await request(app).get('/api/openapi.json').set('Accept-Encoding', 'br, gzip');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-encoding']).toBe('br');
    expect(docs.headers.vary).toMatch(/Accept-Encoding/);
    expect(docs.body.openapi).toMatch(/^3\./);
    const gz = await request(app).get('/api/openapi.json').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const none = await request(app).get('/api/openapi.json').set('Accept-Encoding', 'identity');
    expect(none.headers['content-encoding']).toBeUndefined();
    // Under 1 KB: not worth a compressor.
    const small = await request(app).get('/api/v1/client-config').set('Accept-Encoding', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
