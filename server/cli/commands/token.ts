import { z } from 'zod';
import { createDevTokens } from '../../access/dev-tokens';
import { localDevSigningKey } from '../../access/local-keys';
import { formatConfigProblems, loadConfig } from '../../config';
import { EXIT, type CliIO, type ExitCode } from '../io';
import { UsageError, parseCommandArgs } from '../options';

const Options = z.object({
  user: z.email({ error: 'must be an e-mail address' }),
  tenant: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, { error: 'letters, digits, ".", "_" or "-"' }).optional(),
  department: z.string().trim().min(1).max(256).optional(),
  name: z.string().trim().min(1).max(256).optional(),
  groups: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((g) => g.trim())
        .filter((g) => g !== ''),
    )
    .optional(),
  hours: z
    .string()
    .regex(/^\d+$/, { error: 'a whole number of hours' })
    .transform(Number)
    .pipe(z.number().int().min(1).max(720))
    .optional(),
});

/**
 * `token --user EMAIL [--tenant T] [--department D] [--groups a,b] [--name N] [--hours H]`:
 * a development token signed with DATA_DIR's key, for the service in development mode. Prints
 * the token alone on stdout (for scripts: `TOKEN=$(npx ops-scorecard token --user …)`).
 * Refused (exit 2) when the service would refuse it: NODE_ENV=production or AUTH_MODE=entra.
 */
export async function tokenCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      user: { type: 'string' },
      tenant: { type: 'string' },
      department: { type: 'string' },
      name: { type: 'string' },
      groups: { type: 'string' },
      hours: { type: 'string' },
    },
    Options,
  );
  if (positionals.length > 0) throw new UsageError('token takes options only: --user EMAIL [--tenant T] …');

  if (io.env.NODE_ENV === 'production') {
    io.err('ops-scorecard: development tokens are refused when NODE_ENV=production; sign in with Microsoft Entra ID.\n');
    return EXIT.refused;
  }
  const config = loadConfig(io.env);
  if (!config.ok) {
    io.err(formatConfigProblems(config.error));
    return EXIT.refused;
  }
  const auth = config.value.auth;
  if (auth.mode !== 'development') {
    io.err('ops-scorecard: AUTH_MODE is entra: the service accepts Microsoft Entra ID tokens only, not development tokens.\n');
    return EXIT.refused;
  }
  const key = await localDevSigningKey(auth.signingKeyFile);
  if (!key.ok) {
    io.err(`ops-scorecard: ${key.error}\n`);
    return EXIT.refused;
  }
  const tokens = await createDevTokens({ privateJwk: key.value, nodeEnv: config.value.nodeEnv, requiredScope: auth.requiredScope, clock: { now: () => new Date() } });
  const token = await tokens.sign({
    email: values.user,
    ...(values.tenant !== undefined ? { tenant: values.tenant } : {}),
    ...(values.department !== undefined ? { department: values.department } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.groups !== undefined ? { groups: values.groups } : {}),
    ...(values.hours !== undefined ? { ttlSeconds: values.hours * 3600 } : {}),
  });
  io.out(token + '\n');
  return EXIT.ok;
}
