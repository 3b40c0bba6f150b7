import request from 'supertest';
import { devTokens, testApp, testConfig } from '../../fixtures/http-harness';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it('let Office on the web frame the task pane and load office.js from the CDN', async () => {
    const { app } = testApp({ identity: (await devTokens()).verifier });
    for (const path of ['/healthz', '/api/docs', '/api/v1/missing']) {
      const res = await request(app).get(path);
      expect(res.headers['x-frame-options']).toBeUndefined();
      const csp = directives(res.headers['content-security-policy'] ?? '');
      const ancestors = csp.get('frame-ancestors') ?? [];
      for (const host of [
        "'self'",
        'https://*.officeapps.live.com',
        'https://*.office.com',
        'https://*.office365.com',
        'https://*.sharepoint.com',
        'https://*.cloud.microsoft',
        'https://onedrive.live.com',
        'https://outlook.live.com',
      ]) {
        expect(ancestors).toContain(host);
      }
      expect(ancestors).not.toContain('*');
      expect(csp.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
      expect(csp.get('connect-src')).toEqual(expect.arrayContaining(["'self'", 'https://login.microsoftonline.com']));
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('send HSTS in production only, and add CSP_FRAME_ANCESTORS origins', async () => {
    const identity = (await devTokens()).verifier;
    const dev = await request(testApp({ identity }).app).get('/healthz');
    expect(dev.headers['strict-transport-security']).toBeUndefined();
    // A production-like config (Entra mode) without starting anything else.
    const config = testConfig({
      NODE_ENV: 'production',
      AUTH_MODE: 'entra',
      ENTRA_TENANT_IDS: '11111111-2222-3333-4444-555555555555',
      ENTRA_AUDIENCE: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      PSEUDONYM_KEY: '00112233445566778899aabbccddeeff',
      CSP_FRAME_ANCESTORS: 'https://*.officewebapps.cn',
    });
    const prod = await request(testApp({ identity, config }).app).get('/healthz');
    expect(prod.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    expect(directives(prod.headers['content-security-policy'] ?? '').get('frame-ancestors')).toContain('https://*.officewebapps.cn');
  });
});
