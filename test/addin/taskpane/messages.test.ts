import { nextMessages } from '../../../addin/taskpane/messages';
import { describeError } from '../../../addin/taskpane/report-error';

const signInFirst = () => describeError({ kind: 'auth', failure: { kind: 'not-configured' } }, 'push', 'en-US');
const offline = (action: 'pull' | 'scorecard') => describeError({ kind: 'unreachable', attempts: 3, status: null, retryAfterMs: null }, action, 'en-US');

describe('errors that clear (issue 17, item 1)', () => {
  it('shows one message per action: a new failure replaces the old one', () => {
    const first = signInFirst();
    const again = signInFirst();
    const list = nextMessages(nextMessages([], { type: 'show', message: first }), { type: 'show', message: again });
    expect(list.map((m) => m.id)).toEqual([again.id]);
  });

  it('drops an action’s message when the action succeeds, and every sign-in message when someone signs in', () => {
    let list = nextMessages([], { type: 'show', message: signInFirst() });
    list = nextMessages(list, { type: 'show', message: offline('pull') });
    list = nextMessages(list, { type: 'show', message: offline('scorecard') });
    expect(list.map((m) => m.action)).toEqual(['scorecard', 'pull', 'push']);
    expect(nextMessages(list, { type: 'clear', cause: 'auth' }).map((m) => m.action)).toEqual(['scorecard', 'pull']);
    expect(nextMessages(list, { type: 'clear', action: 'pull' }).map((m) => m.action)).toEqual(['scorecard', 'push']);
    expect(nextMessages(list, { type: 'dismiss', id: list[0]!.id }).map((m) => m.action)).toEqual(['pull', 'push']);
  });

  it('never stacks more than three', () => {
    let list = nextMessages([], { type: 'show', message: signInFirst() });
    for (const action of ['pull', 'scorecard', 'check', 'template'] as const) list = nextMessages(list, { type: 'show', message: describeError(new Error('x'), action, 'en-US') });
    expect(list).toHaveLength(3);
  });
});
