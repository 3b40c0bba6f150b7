import { parseAddress } from './a1';
import { FakeObject, strict, type Scalar } from './client-object';
import { FakeCollection } from './collection';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';
import { sheetById } from './lookup';
import { cellKey, keyColumn, keyRow, newId, type AnnotationModel, type SheetModel } from './model';
import { valueBytes } from './payload';
import { FakeRange } from './range';

/**
 * Notes (ExcelApi 1.18) and threaded comments (1.10) share a shape: one text per cell.
 * Sources: notes, https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-notes
 * (Worksheet.notes, NoteCollection.add(cellAddress, content): a note is not a conversation);
 * threaded comments, https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-comments
 * (CommentCollection.add: a comment's string address "must contain the sheet name"; one cell).
 * That a second note on the same cell is refused (ItemAlreadyExists) the docs do not say: Excel
 * keeps one note per cell, and the fake refuses rather than silently replacing it.
 */
export type AnnotationKind = 'notes' | 'comments';

export const FAKE_AUTHOR = 'Ops Scorecard (fake)';

interface AnnotationRef {
  readonly sheetId: string;
  readonly key: number;
}

function store(sheet: SheetModel, kind: AnnotationKind): Map<number, AnnotationModel> {
  return kind === 'notes' ? sheet.notes : sheet.comments;
}

function annotation(exec: Execution, ref: AnnotationRef, kind: AnnotationKind): AnnotationModel {
  const found = store(sheetById(exec.model, ref.sheetId), kind).get(ref.key);
  if (!found) throw new FakeExcelError('ItemNotFound', `The ${kind === 'notes' ? 'note' : 'comment'} no longer exists.`);
  return found;
}

export class FakeAnnotation extends FakeObject<AnnotationRef> {
  constructor(
    context: FakeRequestContext,
    resolve: (exec: Execution) => AnnotationRef | null,
    private readonly kind: AnnotationKind,
    nullable: boolean,
  ) {
    super(context, resolve, nullable, kind === 'notes' ? 'Note' : 'Comment');
  }

  protected scalars(): Readonly<Record<string, Scalar<AnnotationRef>>> {
    const common: Record<string, Scalar<AnnotationRef>> = {
      content: { read: (exec, ref) => annotation(exec, ref, this.kind).content },
      authorName: { read: (exec, ref) => annotation(exec, ref, this.kind).author },
    };
    if (this.kind === 'comments') common.id = { read: (exec, ref) => annotation(exec, ref, this.kind).id };
    return common;
  }

  get content(): string {
    return this.loaded('content');
  }

  set content(text: string) {
    this.queueWrite('content', valueBytes(text), (exec, ref) => {
      if (typeof text !== 'string') throw new FakeExcelError('InvalidArgument', 'Content must be text.');
      annotation(exec, ref, this.kind).content = text;
    });
  }

  get authorName(): string {
    return this.loaded('authorName');
  }

  get id(): string {
    return this.loaded('id');
  }

  delete(): void {
    this.queueAction(0, (exec, ref) => {
      annotation(exec, ref, this.kind);
      store(sheetById(exec.model, ref.sheetId), this.kind).delete(ref.key);
    });
  }

  getLocation(): FakeRange {
    return strict(
      new FakeRange(
        this.context,
        (exec) => {
          const ref = this.resolveIn(exec);
          if (ref === null) return null;
          annotation(exec, ref, this.kind);
          const row = keyRow(ref.key);
          const col = keyColumn(ref.key);
          return { sheetId: ref.sheetId, rect: { top: row, left: col, bottom: row, right: col } };
        },
        false,
        'Note.getLocation',
      ),
    );
  }
}

/** Worksheet.notes / Worksheet.comments. */
export class FakeAnnotationCollection extends FakeCollection<string, AnnotationRef, FakeAnnotation> {
  constructor(
    context: FakeRequestContext,
    private readonly sheetOf: (exec: Execution) => string,
    private readonly kind: AnnotationKind,
  ) {
    super(context, (exec) => sheetOf(exec), kind === 'notes' ? 'NoteCollection' : 'CommentCollection');
  }

  protected memberKeys(exec: Execution, sheetId: string): AnnotationRef[] {
    const keys = [...store(sheetById(exec.model, sheetId), this.kind).keys()].sort((a, b) => a - b);
    return keys.map((key) => ({ sheetId, key }));
  }

  protected memberProxy(key: AnnotationRef): FakeAnnotation {
    return strict(new FakeAnnotation(this.context, () => key, this.kind, false));
  }

  /** `cellAddress`: a Range, or an address ("C3"; a comment's must name its sheet, "KPI!C3"). */
  add(cellAddress: FakeRange | string, content: string): FakeAnnotation {
    let created: AnnotationRef | null = null;
    const item = strict(new FakeAnnotation(this.context, () => created, this.kind, false));
    const range = typeof cellAddress === 'string' ? null : cellAddress;
    this.queueAction(valueBytes(content) + (typeof cellAddress === 'string' ? valueBytes(cellAddress) : 0), (exec, sheetId) => {
      let target: { sheetId: string; row: number; col: number };
      if (range) {
        const ref = range.resolveIn(exec);
        if (ref === null || ref.rect.top !== ref.rect.bottom || ref.rect.left !== ref.rect.right) {
          throw new FakeExcelError('InvalidArgument', 'InvalidCellAddress: a note or comment goes on one cell.');
        }
        target = { sheetId: ref.sheetId, row: ref.rect.top, col: ref.rect.left };
      } else {
        const parsed = parseAddress(cellAddress as string);
        if (!parsed || parsed.rect.top !== parsed.rect.bottom || parsed.rect.left !== parsed.rect.right) {
          throw new FakeExcelError('InvalidArgument', `InvalidCellAddress: '${String(cellAddress)}'.`);
        }
        if (this.kind === 'comments' && parsed.sheet === null) {
          throw new FakeExcelError('InvalidArgument', 'A comment address must include the sheet name.');
        }
        target = { sheetId, row: parsed.rect.top, col: parsed.rect.left };
      }
      if (target.sheetId !== sheetId) throw new FakeExcelError('InvalidArgument', 'The cell is on another worksheet.');
      if (typeof content !== 'string') throw new FakeExcelError('InvalidArgument', 'Content must be text.');
      const map = store(sheetById(exec.model, sheetId), this.kind);
      const key = cellKey(target.row, target.col);
      if (map.has(key)) throw new FakeExcelError('ItemAlreadyExists', 'The cell already has one.');
      map.set(key, { id: newId(exec.model, this.kind === 'notes' ? 'note' : 'comment'), content, author: FAKE_AUTHOR });
      created = { sheetId, key };
      item.markResolved(exec, created);
    });
    return item;
  }

  private byAddress(address: string, nullable: boolean): FakeAnnotation {
    const parsed = parseAddress(address);
    return strict(
      new FakeAnnotation(
        this.context,
        (exec) => {
          const sheetId = this.sheetOf(exec);
          if (!parsed) throw new FakeExcelError('InvalidArgument', `'${address}' is not a cell address.`);
          const key = cellKey(parsed.rect.top, parsed.rect.left);
          return store(sheetById(exec.model, sheetId), this.kind).has(key) ? { sheetId, key } : null;
        },
        this.kind,
        nullable,
      ),
    );
  }

  /** NoteCollection.getItem(address) — notes are keyed by their cell. */
  getItem(address: string): FakeAnnotation {
    return this.byAddress(address, false);
  }

  getItemOrNullObject(address: string): FakeAnnotation {
    return this.byAddress(address, true);
  }
}
