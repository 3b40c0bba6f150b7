import { z } from 'zod';
import { formatConfigProblems, loadConfig } from '../../config';
import { demoBanner } from '../../demo/seed-demo';
import { shutdownSignal, startService } from '../../main';
import { EXIT, type CliIO, type ExitCode } from '../io';
import { UsageError, parseCommandArgs } from '../options';

/**
 * `serve`: the service, configured by environment variables (server/config.ts). Exit 2 when the
 * configuration is bad (every problem listed) or the service cannot start (port in use…);
 * exit 0 after a graceful shutdown on SIGTERM / SIGINT.
 */
export async function serveCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { positionals } = parseCommandArgs(args, {}, z.object({}));
  if (positionals.length > 0) throw new UsageError('serve takes no arguments: it is configured by environment variables (PORT, DATA_DIR, …)');

  const config = loadConfig(io.env);
  if (!config.ok) {
    io.err(formatConfigProblems(config.error));
    return EXIT.refused;
  }
  const started = await startService(config.value);
  if (!started.ok) {
    io.err(`ops-scorecard: cannot start: ${started.error}\n`);
    return EXIT.refused;
  }
  const { url, close, demo } = started.value;
  const dev = config.value.auth.mode === 'development';
  io.out(
    `Ops Scorecard is listening on ${url}\n` +
      `  API docs:  ${url}/api/docs  (OpenAPI: ${url}/api/openapi.json)\n` +
      `  health:    ${url}/healthz   ready: ${url}/readyz\n` +
      (dev ? `  development sign-in: npx ops-scorecard token --user you@example.com\n` : '') +
      (demo ? demoBanner(url, demo.info, demo.token, config.value.userSyncWorkspace) : '') +
      `Stop with Ctrl+C.\n`,
  );
  const signal = await shutdownSignal();
  io.err(`ops-scorecard: ${signal} received, shutting down\n`);
  await close();
  return EXIT.ok;
}
