/**
 * A least-recently-used map bounded by the bytes of its values, not their number: one scorecard
 * workbook of a big workspace weighs as much as thousands of small JSON answers. A Map keeps
 * insertion order, so re-inserting on every hit makes its first key the least recently used.
 * A value larger than the whole budget is not kept at all (it would evict everything else).
 */
export interface ByteLruStats {
  readonly entries: number;
  readonly bytes: number;
  readonly maxBytes: number;
  readonly evictions: number;
}

export class ByteLru<V> {
  readonly #entries = new Map<string, { readonly value: V; readonly bytes: number }>();
  #bytes = 0;
  #evictions = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes) return;
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
      this.#evictions++;
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  stats(): ByteLruStats {
    return { entries: this.#entries.size, bytes: this.#bytes, maxBytes: this.maxBytes, evictions: this.#evictions };
  }
}
