import { checkCommand } from './commands/check';
import { planCommand } from './commands/plan';
import { scorecardCommand } from './commands/scorecard';
import { tokenCommand } from './commands/token';
import { EXIT, processIO, type CliIO, type ExitCode } from './io';
import { UsageError } from './options';

const USAGE = `Usage: ops-scorecard <command> [options]

Commands:
  check FILE.xlsx [--json] [--lang zh-CN|en-US]
      Every recognised sheet and its issues. Exit 0: no errors; 1: errors found; 2: file refused.
  scorecard FILE.xlsx [--json] [--out OUT.xlsx] [--period P] [--lang zh-CN|en-US]
      The Balanced Scorecard computed from the workbook's KPI and metric sheets.
  plan FILE.xlsx [--json] [--sheet NAME] [--today YYYY-MM-DD] [--lang zh-CN|en-US]
      The critical-path schedule of the workbook's Gantt sheet (the first, or --sheet).
      Exit 0: scheduled (warnings on stderr); 1: the plan has errors (printed, no schedule);
      2: file refused, no Gantt sheet, or usage. Overdue tasks are judged as of --today,
      by default the machine's local date.
  serve
      The sync service (what \`npm start\` runs), configured by environment variables (PORT,
      DATA_DIR, DATABASE_URL, AUTH_MODE…). Exit 2 when the configuration is bad.
  token --user EMAIL [--tenant T] [--department D] [--groups a,b] [--name N] [--hours H]
      A development token signed with DATA_DIR's key. Refused when NODE_ENV=production.
  push FILE.xlsx --server URL --workspace W [--workbook NAME] [--token T] [--json]
      Syncs a workbook file to the service (token from --token or OPS_SCORECARD_TOKEN).
  backup --out FILE [--force]
      A consistent, verified copy of the store, safe while the service runs (SQLite: online
      backup API; PostgreSQL: pg_dump, which must be on PATH). Exit 1: the copy failed
      verification; 2: refused (FILE exists without --force, no store, no pg_dump).
  restore FILE [--force]
      Puts a backup back as DATA_DIR's store (stop the service first). Refused (exit 2) when
      FILE is not an intact Ops Scorecard backup, or the store holds data and --force is absent.
      PostgreSQL: prints the pg_restore command.
`;

type Command = (args: readonly string[], io: CliIO) => Promise<ExitCode>;

const COMMANDS: Record<string, Command> = {
  // Loaded on demand, like serve: the store and better-sqlite3 are not needed by the other commands.
  backup: async (args, io) => (await import('./commands/backup.js')).backupCommand(args, io),
  check: checkCommand,
  push: async (args, io) => (await import('./commands/push.js')).pushCommand(args, io),
  plan: planCommand,
  restore: async (args, io) => (await import('./commands/restore.js')).restoreCommand(args, io),
  scorecard: scorecardCommand,
  // Loaded on demand: the service's dependencies (express, the store, Redis) are not needed by the other commands.
  serve: async (args, io) => (await import('./commands/serve.js')).serveCommand(args, io),
  token: tokenCommand,
};

export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? EXIT.refused : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${USAGE}`);
    return EXIT.refused;
  }
  try {
    return await command(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return EXIT.refused;
    }
    throw e;
  }
}

export function runFromProcess(): void {
  runCli(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // A bug, not bad input: say so plainly, without dumping user data.
      process.stderr.write(`ops-scorecard: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
