import { execFile } from 'node:child_process';

/**
 * PostgreSQL stores are backed up with PostgreSQL's own tools, pg_dump and pg_restore (the
 * postgresql-client package): they know every type, sequence and index, and a dump taken from
 * a running database is one consistent snapshot. This module builds their command lines and
 * runs them. The password never goes on a command line (where `ps` shows it): it is passed as
 * PGPASSWORD in the tool's environment, and the URL given to the tool is the URL without it.
 */

export interface PgTarget {
  readonly url: string;
  /** DATABASE_SCHEMA: only that schema is dumped; the whole database otherwise. */
  readonly schema: string | null;
}

export interface ToolRun {
  /** null: the tool was not found on PATH. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The URL without its password, and the password apart. */
export function splitPassword(url: string): { readonly url: string; readonly password: string | null } {
  const parsed = new URL(url);
  const password = parsed.password === '' ? null : decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), password };
}

export function pgDumpArgs(target: PgTarget, file: string): string[] {
  return ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, ...(target.schema === null ? [] : [`--schema=${target.schema}`]), `--dbname=${splitPassword(target.url).url}`];
}

/** What an operator types, for messages and docs: the password comes from the URL they already have. */
export function pgDumpCommandLine(target: PgTarget, file: string): string {
  return `pg_dump --format=custom --no-owner --no-privileges --file=${quote(file)}${target.schema === null ? '' : ` --schema=${target.schema}`} --dbname="$DATABASE_URL"`;
}

/** pg_restore's options for putting a dump back over the store (--clean: what it holds is replaced). */
export function pgRestoreOptions(target: PgTarget): string[] {
  return ['--clean', '--if-exists', '--no-owner', '--no-privileges', ...(target.schema === null ? [] : [`--schema=${target.schema}`])];
}

export function pgRestoreCommandLine(target: PgTarget, file: string): string {
  return `pg_restore ${pgRestoreOptions(target).join(' ')} --dbname="$DATABASE_URL" ${quote(file)}`;
}

export function runPgTool(tool: 'pg_dump' | 'pg_restore', args: readonly string[], target: PgTarget | null, env: Readonly<Record<string, string | undefined>>): Promise<ToolRun> {
  const password = target === null ? null : splitPassword(target.url).password;
  return new Promise((resolve) => {
    execFile(
      tool,
      [...args],
      { env: { ...env, ...(password === null ? {} : { PGPASSWORD: password }) }, maxBuffer: 64 << 20, timeout: 6 * 3600_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** The first line of a tool's complaint, short: enough to act on, never a data dump. */
export function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim().slice(0, 300);
}

/** A dump `pg_restore --list` reads to the end and that holds the store's tables. */
export async function checkPgDump(file: string, env: Readonly<Record<string, string | undefined>>): Promise<{ ok: true } | { ok: false; code: 'pg-dump-missing' | 'corrupt' | 'not-a-store'; message: string }> {
  const listed = await runPgTool('pg_restore', ['--list', file], null, env);
  if (listed.code === null) return { ok: false, code: 'pg-dump-missing', message: 'pg_restore was not found on PATH (install the PostgreSQL client tools, e.g. postgresql-client)' };
  if (listed.code !== 0) return { ok: false, code: 'corrupt', message: `pg_restore cannot read the dump: ${firstLine(listed.stderr)}` };
  const missing = ['sheets', 'sheet_rows', 'row_changes', 'kysely_migration'].filter((t) => !new RegExp(`TABLE DATA \\S+ ${t} `).test(listed.stdout));
  if (missing.length > 0) return { ok: false, code: 'not-a-store', message: `the dump holds no ${missing.join(', ')} table: not an Ops Scorecard store` };
  return { ok: true };
}

function quote(file: string): string {
  return /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
}
