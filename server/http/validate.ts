import type { z } from 'zod';
import { fastParse } from '../../shared/api/fast-parse';
import type { FieldError } from '../../shared/api/problem';
import { fail, ok, type Result } from '../../shared/result';
import { apiError, type ApiError } from './api-error';

export type InputPlace = FieldError['in'];

const MAX_MESSAGE = 200;
const PLACE_NAMES: Readonly<Record<InputPlace, string>> = { params: 'path', query: 'query', headers: 'headers', body: 'body' };
const MAX_ERRORS = 50;

/** RFC 6901 JSON Pointer of an issue's path ("/users/0/phone"). */
function pointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('').slice(0, MAX_MESSAGE);
}

/** zod's issues as the problem's `errors`: where, zod's code, its message (capped, as is the list). */
export function fieldErrors(error: z.ZodError, place: InputPlace): FieldError[] {
  return error.issues.slice(0, MAX_ERRORS).map((i) => ({
    in: place,
    path: pointer(i.path),
    code: i.code,
    message: i.message.slice(0, MAX_MESSAGE),
  }));
}

/**
 * Parses one input of a request with its schema. The parsed value (defaults applied, unknown
 * keys stripped) is what the handler gets, never the raw input; otherwise a 400 `validation`
 * problem listing every issue. A schema with a fast parser (shared/api/fast-parse.ts: the push
 * body) is tried that way first; whatever it declines, zod parses and reports as usual.
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, place: InputPlace): Result<z.output<S>, ApiError> {
  const fast = fastParse(schema, value);
  if (fast !== undefined) return ok(fast);
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const errors = fieldErrors(parsed.error, place);
  return fail(apiError('validation', `The request ${PLACE_NAMES[place]} ${place === 'headers' ? 'are' : 'is'} not valid.`, { errors }));
}
