import type { z } from 'zod';

/**
 * A schema may carry a fast parser: a function that returns exactly the schema's output for
 * an input the schema accepts, or undefined (the input is invalid, or merely unusual). The
 * schema stays the contract and the only source of error reports; the fast parser only saves
 * zod's per-value overhead on large bodies. See validate() in server/http/validate.ts.
 */
export type FastParse<S extends z.ZodType> = (input: unknown) => z.output<S> | undefined;

const fastParsers = new WeakMap<z.ZodType, (input: unknown) => unknown>();

/** Registers `parse` as the fast path of `schema`, and returns the schema. */
export function withFastParse<S extends z.ZodType>(schema: S, parse: FastParse<S>): S {
  fastParsers.set(schema, parse);
  return schema;
}

/** The schema's output by its fast path; undefined when it has none or the path declined. */
export function fastParse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | undefined {
  const parse = fastParsers.get(schema) as FastParse<S> | undefined;
  return parse === undefined ? undefined : parse(input);
}
