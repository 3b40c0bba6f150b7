import type { Migration, MigrationProvider } from 'kysely';
import type { DialectKind } from '../dialect-kind';
import { initialMigration } from './0001-initial';
import { governanceSourcesMigration } from './0002-governance-sources';
import { bytewiseRowKeysMigration } from './0003-bytewise-row-keys';
import { approvalsMigration } from './0004-approvals';
import { subscriptionsMigration } from './0005-subscriptions';

/**
 * Migrations listed in code, not found by scanning a folder: the list survives compilation and
 * bundling, and the order is the names' order, which kysely checks.
 */
export function migrationProvider(dialect: DialectKind): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': initialMigration(dialect),
    '0002-governance-sources': governanceSourcesMigration(),
    '0003-bytewise-row-keys': bytewiseRowKeysMigration(dialect),
    '0004-approvals': approvalsMigration(dialect),
    '0005-subscriptions': subscriptionsMigration(dialect),
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
