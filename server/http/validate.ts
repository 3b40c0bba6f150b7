import { z } from 'zod';
import type { Locale } from '../../shared/i18n/locale';
import { fastParse } from '../../shared/api/fast-parse';
import type { FieldError } from '../../shared/api/problem';
import { fail, ok, type Result } from '../../shared/result';
import { apiError, type ApiError } from './api-error';

export type InputPlace = FieldError['in'];

const MAX_MESSAGE = 200;
/** The problem's detail, in the caller's language; zod's own words per field likewise (its locale). */
const DETAIL: Readonly<Record<Locale, Readonly<Record<InputPlace, string>>>> = {
  'en-US': { params: 'The request path is not valid.', query: 'The request query is not valid.', headers: 'The request headers are not valid.', body: 'The request body is not valid.' },
  'zh-CN': { params: '请求路径无效。', query: '请求参数无效。', headers: '请求头无效。', body: '请求内容无效。' },
};
const ZOD_ERRORS: Readonly<Record<Locale, z.core.$ZodErrorMap>> = { 'en-US': z.locales.en().localeError, 'zh-CN': z.locales.zhCN().localeError };
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
export function validate<S extends z.ZodType>(schema: S, value: unknown, place: InputPlace, locale: Locale = 'en-US'): Result<z.output<S>, ApiError> {
  const fast = fastParse(schema, value);
  if (fast !== undefined) return ok(fast);
  // A schema's own message (".regex(re, 'a workspace name is …')") is its contract and stays as
  // written; zod's generic ones ("expected number") are said in the caller's language.
  const parsed = schema.safeParse(value, { error: ZOD_ERRORS[locale] });
  if (parsed.success) return ok(parsed.data);
  const errors = fieldErrors(parsed.error, place);
  return fail(apiError('validation', DETAIL[locale][place], { errors }));
}
