import { FakeObject, loadPaths, type LoadSpec, type Scalar } from './client-object';
import type { Execution, FakeRequestContext } from './context';
import { FakeExcelError } from './errors';

/**
 * A collection proxy (WorksheetCollection, NoteCollection…): `load('items/name')`, or
 * `load('name')` for short, answers with one proxy per member, each carrying the loaded values.
 */
export abstract class FakeCollection<B, K, I extends FakeObject<K>> extends FakeObject<B> {
  protected constructor(context: FakeRequestContext, resolve: (exec: Execution) => B | null, description: string) {
    super(context, resolve, false, description);
  }

  /** The members, in the order Excel lists them. */
  protected abstract memberKeys(exec: Execution, binding: B): K[];
  /** A proxy for a member, already bound to it. */
  protected abstract memberProxy(key: K): I;

  protected scalars(): Readonly<Record<string, Scalar<B>>> {
    return {};
  }

  override load(spec?: LoadSpec): this {
    const names = new Set<string>();
    for (const path of loadPaths(spec)) {
      const rest = path === 'items' ? '' : path.startsWith('items/') ? path.slice('items/'.length) : path;
      if (rest.includes('/')) throw new FakeExcelError('InvalidArgument', `The fake loads no nested path '${path}' on a collection.`);
      if (rest !== '') names.add(rest);
    }
    this.queueCommand({
      write: false,
      requestBytes: 0,
      run: (exec) => {
        const b = this.resolveIn(exec);
        if (b === null) return;
        const items = this.memberKeys(exec, b).map((key) => {
          const item = this.memberProxy(key);
          item.markResolved(exec, key);
          const wanted = names.size > 0 ? [...names] : item.scalarNames();
          return { item, values: item.readScalarsNow(exec, wanted) };
        });
        exec.publish(() => {
          for (const { item, values } of items) for (const [name, value] of values) item.publishLoaded(name, value);
          this.publishLoaded('items', items.map((i) => i.item));
        });
      },
    });
    return this;
  }

  get items(): I[] {
    return this.loaded('items');
  }
}
