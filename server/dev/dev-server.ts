import path from 'node:path';
import { getHttpsServerOptions } from 'office-addin-dev-certs';
import { formatConfigProblems, loadConfig } from '../config';
import { shutdownSignal, startService } from '../main';
import { startHttpsFront } from './https-front';

/**
 * `npm run dev-server` (what `npm run start:desktop` / `start:web` and `npm run test:excel` start
 * through office-addin-debugging): the service on a local HTTP port and, in front of it,
 * https://localhost:3000 with the development certificate — created and trusted on first use by
 * office-addin-dev-certs (it asks for your password on Windows and macOS), as the manifest needs.
 * DEV_SERVER_PORT (or the package's config.dev_server_port) sets the https port; SERVICE_PORT the
 * service's (default 3100). Everything else is the service's usual configuration.
 */
async function main(): Promise<void> {
  const port = Number(process.env.DEV_SERVER_PORT ?? process.env.npm_package_config_dev_server_port ?? 3000);
  const config = loadConfig({ ...process.env, PORT: process.env.SERVICE_PORT ?? '3100', HOST: '127.0.0.1' });
  if (!config.ok) {
    process.stderr.write(formatConfigProblems(config.error));
    process.exit(2);
  }
  const tls = await getHttpsServerOptions();
  const service = await startService(config.value);
  if (!service.ok) {
    process.stderr.write(`ops-scorecard dev-server: cannot start the service: ${service.error}\n`);
    process.exit(2);
  }
  const front = await startHttpsFront({
    port,
    tls: { cert: tls.cert, key: tls.key },
    target: service.value.url,
    testBuildDir: path.resolve(__dirname, '..', '..', 'addin-test'),
  });
  process.stdout.write(
    `Development HTTPS front on ${front.url} (task pane: ${front.url}/taskpane.html, test build: ${front.url}/selftest/contract.html)\n` +
      `  → the service on ${service.value.url}. Stop with Ctrl+C.\n`,
  );
  await shutdownSignal();
  await front.close();
  await service.value.close();
}

void main();
