import { FakeObject, strict, type Scalar } from './client-object';
import { FakeCollection } from './collection';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';
import { sheetById } from './lookup';
import { parseAddress } from './a1';
import { newId, type ChartModel, type WorkbookModel } from './model';
import { valueBytes } from './payload';
import type { FakeRange } from './range';

/**
 * The chart types the adapter may ask for; Excel knows more, the fake refuses the rest
 * (ChartCollection.add(type, sourceData, seriesBy),
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-charts).
 */
const CHART_TYPES = ['ColumnClustered', 'ColumnStacked', 'BarClustered', 'Line', 'LineMarkers', 'Pie', 'RadarMarkers'];

interface ChartRef {
  readonly sheetId: string;
  readonly id: string;
}

function findChart(model: WorkbookModel, ref: ChartRef): ChartModel {
  const chart = sheetById(model, ref.sheetId).charts.find((c) => c.id === ref.id);
  if (!chart) throw new FakeExcelError('ItemNotFound', 'The chart no longer exists.');
  return chart;
}

export class FakeChartTitle extends FakeObject<ChartRef> {
  constructor(context: FakeRequestContext, resolve: (exec: Execution) => ChartRef | null) {
    super(context, resolve, false, 'ChartTitle');
  }

  protected scalars(): Readonly<Record<string, Scalar<ChartRef>>> {
    return { text: { read: (exec, ref) => findChart(exec.model, ref).title } };
  }

  get text(): string {
    return this.loaded('text');
  }

  set text(text: string) {
    this.queueWrite('text', valueBytes(text), (exec, ref) => {
      findChart(exec.model, ref).title = String(text);
    });
  }
}

export class FakeChart extends FakeObject<ChartRef> {
  readonly title: FakeChartTitle;

  constructor(context: FakeRequestContext, resolve: (exec: Execution) => ChartRef | null) {
    super(context, resolve, false, 'Chart');
    this.title = strict(new FakeChartTitle(context, (exec) => this.resolveIn(exec)));
  }

  protected scalars(): Readonly<Record<string, Scalar<ChartRef>>> {
    return {
      name: { read: (exec, ref) => findChart(exec.model, ref).name },
      id: { read: (_exec, ref) => ref.id },
    };
  }

  get name(): string {
    return this.loaded('name');
  }

  set name(name: string) {
    this.queueWrite('name', valueBytes(name), (exec, ref) => {
      findChart(exec.model, ref).name = String(name);
    });
  }

  get id(): string {
    return this.loaded('id');
  }

  setPosition(startCell: string, endCell?: string): void {
    this.queueAction(valueBytes(startCell) + valueBytes(endCell ?? ''), (exec, ref) => {
      const start = parseAddress(startCell);
      const end = endCell === undefined ? null : parseAddress(endCell);
      if (!start || (endCell !== undefined && !end)) throw new FakeExcelError('InvalidArgument', 'setPosition needs cell addresses.');
      findChart(exec.model, ref).position = { start: startCell, end: endCell ?? null };
    });
  }

  delete(): void {
    this.queueAction(0, (exec, ref) => {
      const sheet = sheetById(exec.model, ref.sheetId);
      sheet.charts = sheet.charts.filter((c) => c.id !== ref.id);
    });
  }
}

export class FakeChartCollection extends FakeCollection<string, ChartRef, FakeChart> {
  constructor(context: FakeRequestContext, sheetOf: (exec: Execution) => string) {
    super(context, sheetOf, 'ChartCollection');
  }

  protected memberKeys(exec: Execution, sheetId: string): ChartRef[] {
    return sheetById(exec.model, sheetId).charts.map((c) => ({ sheetId, id: c.id }));
  }

  protected memberProxy(ref: ChartRef): FakeChart {
    return strict(new FakeChart(this.context, () => ref));
  }

  add(type: string, sourceData: FakeRange, seriesBy: string = 'Auto'): FakeChart {
    let created: ChartRef | null = null;
    const chart = strict(new FakeChart(this.context, () => created));
    this.queueAction(valueBytes(type), (exec, sheetId) => {
      if (!CHART_TYPES.includes(type)) throw new FakeExcelError('InvalidArgument', `'${type}' is not a chart type the fake knows.`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy)) throw new FakeExcelError('InvalidArgument', `'${seriesBy}' is not a series orientation.`);
      const source = sourceData.resolveIn(exec);
      if (source === null || source.sheetId !== sheetId) {
        throw new FakeExcelError('InvalidArgument', 'The chart source must be a range on the same worksheet.');
      }
      const sheet = sheetById(exec.model, sheetId);
      const model: ChartModel = {
        id: newId(exec.model, 'chart'),
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        source: source.rect,
        seriesBy,
        title: '',
        position: null,
      };
      sheet.charts.push(model);
      created = { sheetId, id: model.id };
      chart.markResolved(exec, created);
    });
    return chart;
  }
}
