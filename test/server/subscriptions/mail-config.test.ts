import { loadConfig } from '../../../server/config';

/** MAIL_SENDER: the mailbox subscriptions are sent from, through Graph with client credentials. */

const ENTRA = {
  AUTH_MODE: 'entra',
  ENTRA_TENANT_IDS: '11111111-2222-3333-4444-555555555555',
  ENTRA_AUDIENCE: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  ENTRA_CLIENT_SECRET: 'secret',
};

describe('MAIL_SENDER', () => {
  it('is off by default', () => {
    const config = loadConfig({});
    expect(config.ok && config.value.mail).toBeNull();
  });

  it('takes an address or an object id with Entra client credentials', () => {
    for (const sender of ['scorecards@contoso.com', '0e0e0e0e-0000-4000-8000-000000000001']) {
      const config = loadConfig({ ...ENTRA, MAIL_SENDER: sender });
      expect(config.ok && config.value.mail).toEqual({ sender });
    }
  });

  it('is refused without Entra client credentials, or when it is no mailbox', () => {
    const dev = loadConfig({ MAIL_SENDER: 'scorecards@contoso.com' });
    expect(dev.ok ? [] : dev.error.map((p) => p.variable)).toEqual(['MAIL_SENDER']);
    const noSecret = loadConfig({ ...ENTRA, ENTRA_CLIENT_ID: undefined, ENTRA_CLIENT_SECRET: undefined, MAIL_SENDER: 'scorecards@contoso.com' } as Record<string, string | undefined>);
    expect(noSecret.ok ? [] : noSecret.error.map((p) => p.variable)).toEqual(['MAIL_SENDER']);
    const bad = loadConfig({ ...ENTRA, MAIL_SENDER: 'users/../me' });
    expect(bad.ok ? [] : bad.error.map((p) => p.variable)).toEqual(['MAIL_SENDER']);
  });
});
