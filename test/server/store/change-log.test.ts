import { cellSteps, payloadOf, rowBefore, withImpliedCreate, type LogEntry } from '../../../server/store/change-log';

const entry = (revision: number, op: LogEntry['op'], payload: unknown): LogEntry => ({ revision, op, payload: JSON.stringify(payload) });

describe('change log', () => {
  const log: LogEntry[] = [
    entry(1, 'create', { name: 'A', target: 1 }),
    entry(3, 'update', { target: [1, 2] }),
    entry(4, 'delete', { name: 'A', target: 2 }),
    entry(6, 'create', { name: 'A2', target: null }),
    entry(7, 'update', { name: ['A2', 'A3'], target: [null, 0.1] }),
  ];
  const now = { name: 'A3', target: 0.1 };
  const newestFirst = (since: number): LogEntry[] => log.filter((e) => e.revision > since).reverse();

  it('rebuilds a row at any earlier revision by undoing the entries after it', () => {
    expect(rowBefore(now, newestFirst(7))).toEqual(now);
    expect(rowBefore(now, newestFirst(6))).toEqual({ name: 'A2', target: null });
    expect(rowBefore(now, newestFirst(5))).toBeNull();
    expect(rowBefore(now, newestFirst(3))).toEqual({ name: 'A', target: 2 });
    expect(rowBefore(now, newestFirst(2))).toEqual({ name: 'A', target: 1 });
    expect(rowBefore(now, newestFirst(0))).toBeNull();
  });

  it('reads one cell’s history out of the row’s entries, creation and deletion included', () => {
    expect(cellSteps(log, 'target')).toEqual([
      { revision: 1, oldValue: null, newValue: 1 },
      { revision: 3, oldValue: 1, newValue: 2 },
      { revision: 4, oldValue: 2, newValue: null },
      { revision: 7, oldValue: null, newValue: 0.1 },
    ]);
    expect(cellSteps(log, 'missing')).toEqual([]);
  });

  it('encodes an update as [old, new] per written field', () => {
    const payload = payloadOf({ op: 'update', key: 'k', cells: { a: 2, b: 'x' }, deltas: [{ field: 'a', old: 1, new: 2 }] }, '{"a":2,"b":"x"}');
    expect(JSON.parse(payload)).toEqual({ a: [1, 2] });
  });

  it('makes a first revision’s unlogged create explicit from the row as it is now', () => {
    // The same history with revision 1's create left implied, as the store writes it.
    const unlogged = log.slice(1);
    const explicit = withImpliedCreate(now, true, unlogged);
    expect(explicit[0]).toEqual({ revision: 1, op: 'create', payload: JSON.stringify({ name: 'A', target: 1 }) });
    expect(cellSteps(explicit, 'target')).toEqual(cellSteps(log, 'target'));
    expect(cellSteps(explicit, 'name')).toEqual(cellSteps(log, 'name'));
    // Never changed since revision 1: the row is its create.
    expect(withImpliedCreate({ v: 7 }, true, [])).toEqual([entry(1, 'create', { v: 7 })]);
    // A logged create stays as logged; a row never stored has no history.
    expect(withImpliedCreate(now, true, log)).toEqual(log);
    expect(withImpliedCreate(null, false, [])).toEqual([]);
    // Deleted after revision 1: the create is what the delete removed.
    expect(withImpliedCreate(null, true, [entry(2, 'delete', { v: 3 })])).toEqual([entry(1, 'create', { v: 3 }), entry(2, 'delete', { v: 3 })]);
  });
});
