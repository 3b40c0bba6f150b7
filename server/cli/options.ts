import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LOCALES, pickLocale, type Locale } from '../../shared/i18n/locale';

export class UsageError extends Error {}

const LocaleSchema = z.enum(LOCALES);

/** --lang wins; otherwise the terminal's language (LC_ALL, LANG), as a Chinese user expects. */
export function localeFrom(flag: string | undefined, env: Readonly<Record<string, string | undefined>>): Locale {
  if (flag !== undefined) {
    const parsed = LocaleSchema.safeParse(flag);
    if (!parsed.success) throw new UsageError(`--lang must be zh-CN or en-US, not "${flag}"`);
    return parsed.data;
  }
  return pickLocale((env.LC_ALL || env.LANG || '').replace('_', '-'));
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface CommandArgs<T> {
  values: T;
  positionals: string[];
}

/**
 * node's own argument parser, strict, then the values through the command's zod schema:
 * usage mistakes become a UsageError (exit 2), and the command only sees parsed values.
 */
export function parseCommandArgs<T>(args: readonly string[], options: OptionSpec, schema: z.ZodType<T>): CommandArgs<T> {
  let parsed: { values: unknown; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const values = schema.safeParse({ ...(parsed.values as object) });
  if (!values.success) {
    const first = values.error.issues[0];
    throw new UsageError(`--${String(first?.path[0] ?? '')}: ${first?.message ?? 'invalid value'}`);
  }
  return { values: values.data, positionals: parsed.positionals };
}

export function onePositional(positionals: readonly string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}, got ${positionals.length}`);
  return positionals[0]!;
}
