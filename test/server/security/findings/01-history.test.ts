import { databaseFactories } from '../../../fixtures/databases';
import { CORE, KPI_SHEET, WB, leaks, rows, plantedWorkspace } from './workspace';

/**
 * Finding 1 (high): GET …/history masked only the kind's own columns. A row's extra fields
 * (phone, address, id_number, age) came back in clear, old and new values, to a masked role,
 * and so did the editors' e-mail addresses.
 */
describe.each(databaseFactories)('history on $name', (factory) => {
  const WS = 'f1';
  const t = plantedWorkspace(factory, WS);
  beforeAll(async () => {
    // A second value, so that the history holds an old and a new one.
    const res = await t.service.push(t.people.boss, WS, WB, KPI_SHEET, { kind: 'kpi', mode: 'delta', rows: rows({ name: '转化率', phone: CORE.newPhone }) }, { ifMatch: 1 });
    expect(res.status).toBe(200);
  });

  it('the administrator reads the history in clear (the values are really there)', async () => {
    const res = await t.service.history(t.people.boss, WS, WB, KPI_SHEET, '转化率', 'phone').expect(200);
    expect(res.body.changes.map((c: { newValue: unknown }) => c.newValue)).toEqual([CORE.phone, CORE.newPhone]);
  });

  it.each(['phone', 'address', 'id_number', 'age'])('a masked role reads the history of the extra field %s masked', async (field) => {
    const res = await t.service.history(t.people.ana, WS, WB, KPI_SHEET, '转化率', field).expect(200);
    expect(res.body.changes.length).toBeGreaterThan(0);
    expect(leaks(res)).toEqual([]);
    for (const change of res.body.changes as { newValue: unknown; oldValue: unknown; email: string; userId: string }[]) {
      if (field === 'address') expect(change.newValue).toBe('广东省');
      if (field === 'age') expect(change.newValue).toBe('25–29');
      // Who changed it is personal data too: a pseudonym, stable across entries.
      expect(change.email).not.toContain('@');
      expect(change.userId).not.toContain('@');
    }
  });

  it('the editors stay the same pseudonym from entry to entry (who changed what can still be told apart)', async () => {
    const res = await t.service.history(t.people.ana, WS, WB, KPI_SHEET, '转化率', 'phone').expect(200);
    const emails = (res.body.changes as { email: string }[]).map((c) => c.email);
    expect(new Set(emails).size).toBe(1);
  });
});
