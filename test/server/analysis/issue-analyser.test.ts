import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inlineIssueAnalyser, issuesWorkerScript, workerIssueAnalyser, type IssueAnalyser, type IssuesInput } from '../../../server/analysis/issue-analyser';
import { rowsJsonOf, rowsOfJson } from '../../../server/analysis/rows-json';
import { sheetIssues } from '../../../shared/workbook/sheet-issues';

/** Rows with something to say: a period nobody can read, a value that is not a number, weights off 100%. */
const METRICS: IssuesInput = {
  sheet: '月度数据',
  kind: 'metrics',
  today: '2024-04-01',
  locale: 'zh-CN',
  rowsJson: rowsJsonOf([
    JSON.stringify({ period: '2024-03', department: '华东', metric: '销售额', value: 120 }),
    JSON.stringify({ period: '下个月吧', department: '华东', metric: '毛利', value: 3 }),
    JSON.stringify({ period: '2024-03', department: '华南', metric: '销售额', value: '很多' }),
  ]),
};

const KPIS: IssuesInput = {
  sheet: 'KPI',
  kind: 'kpi',
  today: '2024-04-01',
  locale: 'en-US',
  rowsJson: rowsJsonOf([JSON.stringify({ name: 'Revenue', target: 100, weight: 0.5 }), JSON.stringify({ name: 'Margin', target: 20, weight: 0.2 })]),
};

function expected(input: IssuesInput) {
  const { rowsJson, ...rest } = input;
  return sheetIssues({ ...rest, rows: rowsOfJson(rowsJson) });
}

describe('the issue analyser', () => {
  let analyser: IssueAnalyser | null = null;
  afterEach(async () => {
    await analyser?.close();
    analyser = null;
  });

  it('answers on its worker thread exactly what the analysis answers inline', async () => {
    // Built by `tsc -b`, so this is the worker thread and not the inline fallback (see below).
    expect(existsSync(issuesWorkerScript())).toBe(true);
    analyser = workerIssueAnalyser();
    const [metrics, kpis] = await Promise.all([analyser.analyse(METRICS), analyser.analyse(KPIS)]);
    expect(metrics).toEqual(expected(METRICS));
    expect(kpis).toEqual(expected(KPIS));
    // What a user reads: the unreadable period and the non-number, in Chinese; the weights in English.
    expect(metrics.map((i) => [i.code, i.cell])).toEqual([
      ['metrics.period-invalid', 'A3'],
      ['metrics.value-invalid', 'D4'],
    ]);
    expect(metrics[0]!.message).toMatch(/下个月吧/);
    expect(kpis.some((i) => i.code === 'kpi.weights-total' && /70/.test(i.message))).toBe(true);
  });

  it('keeps each answer with its request when many are in flight', async () => {
    analyser = workerIssueAnalyser();
    const inputs = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? METRICS : { ...KPIS, sheet: `KPI ${i}` }));
    const answers = await Promise.all(inputs.map((input) => analyser!.analyse(input)));
    answers.forEach((answer, i) => expect(answer).toEqual(expected(inputs[i]!)));
  });

  it('analyses inline when its worker script is missing', async () => {
    analyser = workerIssueAnalyser(path.join(tmpdir(), 'no-such-issues-worker.js'));
    await expect(analyser.analyse(METRICS)).resolves.toEqual(expected(METRICS));
  });

  it('answers what a dying worker owed, inline, and stays inline after', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'issues-worker-'));
    const script = path.join(dir, 'dies.js');
    writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    analyser = workerIssueAnalyser(script);
    await expect(Promise.all([analyser.analyse(METRICS), analyser.analyse(KPIS)])).resolves.toEqual([expected(METRICS), expected(KPIS)]);
    await expect(analyser.analyse(KPIS)).resolves.toEqual(expected(KPIS));
  });

  it('answers a request past its deadline with one warning that says so, in the reader\'s language', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'issues-worker-'));
    const script = path.join(dir, 'never-answers.js');
    writeFileSync(script, "require('node:worker_threads').parentPort.on('message', () => undefined);\n");
    analyser = workerIssueAnalyser(script, 200);
    const [metrics, kpis] = await Promise.all([analyser.analyse(METRICS), analyser.analyse(KPIS)]);
    expect(metrics.map((i) => [i.code, i.severity, i.sheet])).toEqual([['sheet.analysis-timeout', 'warning', '月度数据']]);
    expect(kpis.map((i) => i.code)).toEqual(['sheet.analysis-timeout']);
    expect(kpis[0]!.message).toMatch(/0\.2/);
  });

  it('reports a bug in the analysis as a rejection, not as issues', async () => {
    analyser = workerIssueAnalyser();
    await expect(analyser.analyse({ ...METRICS, rowsJson: '{"not":"rows"}' })).rejects.toThrow(/not a JSON array/);
    await expect(inlineIssueAnalyser.analyse({ ...METRICS, rowsJson: '[1]' })).rejects.toThrow(/not a JSON object/);
  });
});
