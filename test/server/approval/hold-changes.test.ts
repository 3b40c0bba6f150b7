import type { ApprovalRules } from '../../../shared/api/approvals';
import { appliesAlone, holdChanges, mayHold, type HoldInput } from '../../../server/approval/hold-changes';
import type { PullResult } from '../../../server/store/store-types';

/** Which cells of a push wait for approval, as a pure function (server/approval/hold-changes.ts). */

const RULES: ApprovalRules = {
  rules: [
    { change: 'kpi-target', mode: 'any', roles: ['运营负责人'] },
    { change: 'kpi-weight', mode: 'all', roles: ['运营总监', '财务总监'] },
    { change: 'kpi-removed', mode: 'all', roles: ['运营总监', '财务总监'] },
    { change: 'permissions', mode: 'any', roles: ['Admin'] },
  ],
};

const SHEET: PullResult = {
  kind: 'kpi',
  revision: 4,
  rows: [
    { key: 'a', cells: { name: 'A', target: '≥1', weight: 0.5, unit: '%' }, deleted: false, revision: 2 },
    { key: 'b', cells: { name: 'B', target: '≥2', weight: 0.5, unit: '' }, deleted: false, revision: 3 },
    { key: 'old', cells: {}, deleted: true, revision: 4 },
  ],
};

const input = (over: Partial<HoldInput>): HoldInput => ({ kind: 'kpi', governance: null, rules: RULES, roles: ['运营专员'], mode: 'delta', rows: [], deletes: [], current: SHEET, baseRevision: 4, ...over });

describe('holdChanges', () => {
  it('takes a held cell out of its row and leaves the others; an unchanged target is no change', () => {
    const result = holdChanges(input({ rows: [{ key: 'a', cells: { name: 'A', target: '≥3', unit: 'pct' } }, { key: 'b', cells: { name: 'B', target: '≥2' } }] }));
    expect(result.rows).toEqual([{ key: 'a', cells: { name: 'A', unit: 'pct' } }, { key: 'b', cells: { name: 'B', target: '≥2' } }]);
    expect(result.held).toEqual([{ change: 'kpi-target', key: 'a', field: 'target', proposed: { target: '≥3' }, original: { target: '≥1' }, level: { mode: 'any', roles: ['运营负责人'] } }]);
  });

  it('a holder of an `any` role applies alone; nobody applies a joint level of several roles alone', () => {
    const lead = holdChanges(input({ roles: ['运营负责人'], rows: [{ key: 'a', cells: { name: 'A', target: '≥3', weight: 0.4 } }] }));
    expect(lead.held.map((h) => h.field)).toEqual(['weight']);
    expect(lead.rows).toEqual([{ key: 'a', cells: { name: 'A', target: '≥3' } }]);
    expect(appliesAlone({ mode: 'all', roles: ['运营总监', '财务总监'] }, ['运营总监', '财务总监'])).toBe(false);
    expect(appliesAlone({ mode: 'all', roles: ['运营总监'] }, ['运营总监'])).toBe(true);
    expect(appliesAlone({ mode: 'any', roles: ['Admin'] }, [' admin '])).toBe(true);
  });

  it('a full push that leaves a row out: the removal waits and the row goes back in as it stands; a row made after the base is not a removal', () => {
    const result = holdChanges(input({ mode: 'full', baseRevision: 2, rows: [{ key: 'a', cells: SHEET.rows[0]!.cells }] }));
    // b changed at revision 3, after this push's base (2): the merge keeps it anyway, nothing to hold.
    expect(result.held).toEqual([]);
    const fresh = holdChanges(input({ mode: 'full', baseRevision: 4, rows: [{ key: 'a', cells: SHEET.rows[0]!.cells }] }));
    expect(fresh.held.map((h) => [h.change, h.key, h.field])).toEqual([['kpi-removed', 'b', null]]);
    expect(fresh.rows).toEqual([{ key: 'a', cells: SHEET.rows[0]!.cells }, { key: 'b', cells: SHEET.rows[1]!.cells }]);
  });

  it('a delta delete waits; deleting a row that is not there holds nothing; new KPIs pass without a kpi-added rule', () => {
    const result = holdChanges(input({ deletes: ['b', 'old', 'ghost'], rows: [{ key: 'c', cells: { name: 'C', target: '≥1', weight: 0 } }] }));
    expect(result.deletes).toEqual(['old', 'ghost']);
    expect(result.held.map((h) => [h.change, h.key])).toEqual([['kpi-removed', 'b']]);
    expect(result.rows.map((r) => r.key)).toEqual(['c']);
  });

  it('on a governance sheet every change waits: cells, new rows, removed rows; other kinds and other sheets none', () => {
    const matrix: PullResult = { kind: 'permissions', revision: 1, rows: [{ key: 'x', cells: { role: 'x', operations: '查看' }, deleted: false, revision: 1 }] };
    const result = holdChanges(input({ kind: 'permissions', governance: 'permissions', current: matrix, rows: [{ key: 'x', cells: { role: 'x', operations: '查看、修改' } }, { key: 'y', cells: { role: 'y' } }] }));
    expect(result.held.map((h) => [h.change, h.key, h.field])).toEqual([
      ['permissions', 'x', 'operations'],
      ['permissions', 'y', null],
    ]);
    expect(mayHold({ kind: 'permissions', governance: null, rules: RULES, roles: [] })).toBe(false);
    expect(mayHold({ kind: 'metrics', governance: null, rules: RULES, roles: [] })).toBe(false);
    expect(mayHold({ kind: 'kpi', governance: null, rules: { rules: [] }, roles: [] })).toBe(false);
  });
});
