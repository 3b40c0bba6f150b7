import {
  clearError,
  clearSignInErrors, describeError, reportError, setErrorSink, type UserMessage } from '../../../addin/taskpane/report-error';
import { STRINGS, chooseLocale } from '../../../addin/taskpane/i18n';
import { PROBLEM_CODES, type ProblemCode } from '../../../shared/api/problem';

const problem = (code: string, extra: Record<string, unknown> = {}) => ({
  kind: 'problem' as const,
  status: 400,
  problem: { type: `urn:x:${code}`, title: 'English title', status: 400, code: code as ProblemCode, detail: 'English detail that must not show', instance: '/x', requestId: 'req-42', ...extra },
});

describe('describeError', () => {
  it('maps every problem code to a sentence in both languages, with the code and request id beside it', () => {
    for (const code of Object.keys(PROBLEM_CODES) as ProblemCode[]) {
      const en = describeError(problem(code), 'push', 'en-US');
      const zh = describeError(problem(code), 'push', 'zh-CN');
      expect(en.text).toBe(STRINGS['en-US'].errors.problems[code]);
      expect(zh.text).toBe(STRINGS['zh-CN'].errors.problems[code]);
      expect(zh.text).toMatch(/[\u4e00-\u9fff]/);
      expect([en.code, en.requestId]).toEqual([code, 'req-42']);
      // The service's English title and detail never reach the user.
      expect(JSON.stringify([en, zh])).not.toMatch(/English/);
    }
  });

  it.each([
    [{ kind: 'unreachable', attempts: 4, status: 503, retryAfterMs: null }, 'The service cannot be reached.', '无法连接服务。'],
    [{ kind: 'auth', failure: { kind: 'interaction-required' } }, 'Sign in to continue.', '请登录以继续。'],
    [{ kind: 'cancelled' }, 'Sign-in was cancelled.', '登录已取消。'],
    [{ kind: 'duplicate-keys', keys: ['a', 'b'] }, 'These keys appear more than once: a, b. Each row needs its own key.', '以下键重复出现：a, b。每一行都需要唯一的键。'],
    [{ kind: 'not-recognised', sheet: 'Sheet1' }, expect.stringContaining('“Sheet1”'), expect.stringContaining('“Sheet1”')],
    [{ kind: 'invalid-response', status: 502 }, 'The service answered something unexpected (HTTP 502).', '服务返回了意外的应答（HTTP 502）。'],
    [{ kind: 'bad-period' }, expect.stringContaining('2024-Q1'), expect.stringContaining('2024-Q1')],
  ])('%j', (failure, en, zh) => {
    expect(describeError(failure, 'push', 'en-US').text).toEqual(en);
    expect(describeError(failure, 'push', 'zh-CN').text).toEqual(zh);
  });

  it('shows a thrown error as "something went wrong" with an Office code, never its message or stack', () => {
    const office = Object.assign(new Error('Bearer eyJhbGciOi.secret.token at line 3'), { code: 'InvalidArgument' });
    const m = describeError(office, 'template', 'en-US');
    expect(m).toMatchObject({ text: STRINGS['en-US'].errors.unexpected, code: 'InvalidArgument', requestId: null, context: 'Inserting the template' });
    expect(JSON.stringify(m)).not.toMatch(/eyJ|secret|line 3/);
    // A code that is not a plain identifier is not shown either.
    expect(describeError({ code: 'x y <script>' }, 'check', 'zh-CN').code).toBeNull();
    expect(describeError('a string thrown', 'check', 'zh-CN')).toMatchObject({ text: STRINGS['zh-CN'].errors.unexpected, context: '检查' });
  });

  it('an auth failure code from MSAL is shown as a code', () => {
    expect(describeError({ kind: 'rejected', code: 'consent_required' }, 'sign-in', 'en-US')).toMatchObject({ text: 'Sign-in failed.', code: 'consent_required' });
  });
});

describe('reportError', () => {
  it('is the one path to the screen: it goes to the registered sink, in the sink’s language', () => {
    const seen: UserMessage[] = [];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    setErrorSink('zh-CN', { show: (m) => void seen.push(m), clear: () => undefined });
    reportError({ kind: 'unreachable', attempts: 1, status: null, retryAfterMs: null }, 'pull');
    setErrorSink('en-US', null);
    expect(seen.map((m) => [m.context, m.text])).toEqual([['拉取', '无法连接服务。']]);
    // The console gets the context and a code, nothing else.
    expect(warn.mock.calls).toEqual([['[ops-scorecard] pull failed', 'unreachable']]);
    warn.mockRestore();
  });
});

describe('errors that clear', () => {
  it('tells the sink to clear an action when it succeeds, and sign-in failures when someone signs in', () => {
    const cleared: unknown[] = [];
    setErrorSink('en-US', { show: () => undefined, clear: (which) => void cleared.push(which) });
    clearError('push');
    clearSignInErrors();
    setErrorSink('en-US', null);
    expect(cleared).toEqual([{ action: 'push' }, { cause: 'auth' }]);
  });

  it('marks a sign-in failure as one, whatever path it came by', () => {
    expect(describeError({ kind: 'auth', failure: { kind: 'not-configured' } }, 'push', 'en-US')).toMatchObject({ action: 'push', cause: 'auth', text: 'Sign in first.' });
    expect(describeError({ kind: 'unreachable', attempts: 1, status: null, retryAfterMs: null }, 'push', 'en-US').cause).toBe('other');
    expect(describeError({ kind: 'dev-tokens-not-offered' }, 'sign-in', 'zh-CN').text).toContain('npx ops-scorecard token');
  });
});

describe('chooseLocale', () => {
  it.each([
    ['?lang=zh-CN', 'en-US', null, 'zh-CN'],
    ['?lang=en-US', 'zh-CN', null, 'en-US'],
    ['', 'zh-TW', null, 'zh-CN'],
    ['', null, 'zh-Hans-CN', 'zh-CN'],
    ['', null, 'fr-FR', 'en-US'],
    ['', 'en-GB', 'zh-CN', 'en-US'],
  ])('%s office=%s browser=%s → %s', (search, office, browser, expected) => {
    expect(chooseLocale(search, office, browser)).toBe(expected);
  });
});
