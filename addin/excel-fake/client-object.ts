import type { Command, Execution, FakeRequestContext } from './context';
import { FakeExcelError, propertyNotLoaded } from './errors';
import { valueBytes } from './payload';

/**
 * Property names the JavaScript runtime and test tooling probe on any object (await looks for
 * `then`, jest for `asymmetricMatch`…): answered with undefined instead of the strict throw.
 */
const PROBES = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'constructor']);

/**
 * Wraps a fake proxy so that touching a member the fake does not implement throws at once
 * ("NotImplemented") instead of reading undefined or setting a property nobody looks at: an
 * adapter that strays outside the faked API fails its tests rather than passing them silently.
 */
export function strict<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol' || prop in obj) return Reflect.get(obj, prop, receiver);
      if (PROBES.has(prop) || prop.startsWith('$$') || prop.startsWith('@@')) return undefined;
      throw new FakeExcelError('NotImplemented', `The Excel fake does not implement ${obj.constructor.name}.${prop}`);
    },
    set(obj, prop, value, receiver) {
      if (typeof prop === 'symbol' || prop in obj) return Reflect.set(obj, prop, value, receiver);
      throw new FakeExcelError('NotImplemented', `The Excel fake does not implement setting ${obj.constructor.name}.${prop}`);
    },
  });
}

export type LoadSpec = string | readonly string[] | { select?: string; expand?: string } | undefined;

/** "a,b/c", ["a", "b"] or { select: "a", expand: "b" } → ["a", "b/c"]. */
export function loadPaths(spec: LoadSpec): string[] {
  if (spec === undefined) return [];
  let parts: readonly string[];
  if (typeof spec === 'string') parts = [spec];
  else if (isStringList(spec)) parts = spec;
  else parts = [spec.select ?? '', spec.expand ?? ''];
  return parts
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

function isStringList(spec: LoadSpec): spec is readonly string[] {
  return Array.isArray(spec);
}

/** What a load path can go through. */
export interface Loadable {
  load(spec?: LoadSpec): unknown;
}

/** How a scalar property is read from the model, and what it weighs in the response. */
export interface Scalar<B> {
  read(exec: Execution, binding: B): unknown;
  bytes?(value: unknown): number;
}

/**
 * The base of every fake proxy (Office.js ClientObject): it is bound to a model object the
 * first time a batch touches it; loads are answered at sync and readable only afterwards;
 * property sets are queued. Source: "you must load a property ... and call context.sync()
 * before you can read it" (PropertyNotLoaded), and *OrNullObject methods answer an object whose
 * isNullObject is true instead of throwing ItemNotFound,
 * https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model. `binding` is an id (never a model object), so a rolled-back batch
 * cannot leave a proxy pointing into a discarded model.
 */
export abstract class FakeObject<B> {
  private binding: B | null | undefined = undefined;
  private nullState: boolean | undefined = undefined;
  private readonly loadedValues = new Map<string, unknown>();

  protected constructor(
    readonly context: FakeRequestContext,
    private readonly resolver: (exec: Execution) => B | null,
    private readonly nullable: boolean,
    protected readonly description: string,
  ) {
    // An *OrNullObject proxy is resolved by the next sync, so that isNullObject can be read.
    if (nullable) context.enqueue({ write: false, requestBytes: 0, run: (exec) => void this.resolveIn(exec) });
  }

  /** The scalar properties `load` accepts, by name. */
  protected abstract scalars(): Readonly<Record<string, Scalar<B>>>;

  /** Child objects a load path may go through ("format/fill/color"). */
  protected navigation(_name: string): Loadable | null {
    return null;
  }

  /** Resolves this proxy during a batch; null only for a null object. */
  resolveIn(exec: Execution): B | null {
    if (this.binding === undefined) {
      const found = this.resolver(exec);
      if (found === null && !this.nullable) throw new FakeExcelError('ItemNotFound', `${this.description} was not found.`);
      this.binding = found;
      const isNull = found === null;
      exec.publish(() => {
        this.nullState = isNull;
      });
    }
    return this.binding;
  }

  /** For writes and actions: a null object cannot be changed. */
  protected boundIn(exec: Execution): B {
    const b = this.resolveIn(exec);
    if (b === null) throw new FakeExcelError('InvalidOperation', `${this.description} is a null object.`);
    return b;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw propertyNotLoaded('isNullObject');
    return this.nullState;
  }

  load(spec?: LoadSpec): this {
    const scalars = this.scalars();
    const direct: string[] = [];
    const paths = loadPaths(spec);
    if (paths.length === 0) direct.push(...Object.keys(scalars));
    for (const path of paths) {
      const [head = '', ...rest] = path.split('/');
      const child = this.navigation(head);
      if (child) {
        child.load(rest.length > 0 ? rest.join('/') : undefined);
        continue;
      }
      if (!(head in scalars) || rest.length > 0) {
        throw new FakeExcelError('InvalidArgument', `${this.description} has no loadable property '${path}'.`);
      }
      direct.push(head);
    }
    if (direct.length > 0) this.queueLoad(direct, scalars);
    return this;
  }

  private queueLoad(names: readonly string[], scalars: Readonly<Record<string, Scalar<B>>>): void {
    this.context.enqueue({
      write: false,
      requestBytes: 0,
      run: (exec) => {
        const b = this.resolveIn(exec);
        if (b === null) return;
        const values = names.map((name) => {
          const scalar = scalars[name]!;
          const value = scalar.read(exec, b);
          exec.respond(scalar.bytes ? scalar.bytes(value) : valueBytes(value));
          return [name, value] as const;
        });
        exec.publish(() => {
          for (const [name, value] of values) this.loadedValues.set(name, value);
        });
      },
    });
  }

  /** Called by collections that load their items: the item's values arrive with the collection. */
  publishLoaded(name: string, value: unknown): void {
    this.loadedValues.set(name, value);
  }

  /** The names `load` accepts on this object (for a collection checking an item path). */
  scalarNames(): string[] {
    return Object.keys(this.scalars());
  }

  /** Reads scalars inside a batch for a collection's item load, counting their bytes. */
  readScalarsNow(exec: Execution, names: readonly string[]): (readonly [string, unknown])[] {
    const b = this.resolveIn(exec);
    if (b === null) return [];
    const scalars = this.scalars();
    return names.map((name) => {
      const scalar = scalars[name];
      if (!scalar) throw new FakeExcelError('InvalidArgument', `${this.description} has no loadable property '${name}'.`);
      const value = scalar.read(exec, b);
      exec.respond(scalar.bytes ? scalar.bytes(value) : valueBytes(value));
      return [name, value] as const;
    });
  }

  markResolved(exec: Execution, binding: B): void {
    this.binding = binding;
    exec.publish(() => {
      this.nullState = false;
    });
  }

  /** The value of a loaded property; throws as Office.js does before load + sync. */
  protected loaded<T>(name: string): T {
    if (this.nullState === true) {
      throw new FakeExcelError('InvalidOperation', `${this.description} is a null object: check isNullObject before reading '${name}'.`);
    }
    if (!this.loadedValues.has(name)) throw propertyNotLoaded(name);
    return this.loadedValues.get(name) as T;
  }

  /** Queues a change; a value loaded earlier is stale from now on and must be loaded again. */
  protected queueWrite(name: string, requestBytes: number, apply: (exec: Execution, binding: B) => void): void {
    this.loadedValues.delete(name);
    this.context.enqueue({ write: true, requestBytes, run: (exec) => apply(exec, this.boundIn(exec)) });
  }

  protected queueAction(requestBytes: number, apply: (exec: Execution, binding: B) => void): void {
    this.context.enqueue({ write: true, requestBytes, run: (exec) => apply(exec, this.boundIn(exec)) });
  }

  protected queueCommand(command: Command): void {
    this.context.enqueue(command);
  }
}
