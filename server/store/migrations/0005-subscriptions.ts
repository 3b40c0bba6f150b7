import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind';

/**
 * Scorecard subscriptions and the record of every send.
 *
 * subscriptions: one row per standing order; the definition (recipient, scope, cron, language,
 * format) is JSON text, validated by shared/api/subscriptions.ts on the way in and out.
 *
 * subscription_sends: one row per send, written BEFORE the mail goes out (the claim) and
 * completed after. A scheduled send carries the firing it belongs to (fire_at), and the unique
 * (subscription_id, fire_at) index is what makes one firing send once across every instance:
 * the second insert finds the first. A manual send ("send now") has no fire_at; NULLs are
 * distinct in a unique index on both SQLite and PostgreSQL, so manual sends never collide.
 * No foreign key to subscriptions: a removed subscription's sends stay as the record.
 */
export function subscriptionsMigration(dialect: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('subscriptions_by_workspace').on('subscriptions').column('workspace_id').execute();

      await db.schema
        .createTable('subscription_sends')
        .addColumn('id', 'integer', (c) => identity(dialect, c))
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('fire_at', 'text')
        .addColumn('instance', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('revisions', 'text', (c) => c.notNull())
        .addColumn('policy_revision', 'integer')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('subscription_sends_one_per_firing').on('subscription_sends').columns(['subscription_id', 'fire_at']).unique().execute();
      await db.schema.createIndex('subscription_sends_by_workspace').on('subscription_sends').columns(['workspace_id', 'id']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('subscription_sends').execute();
      await db.schema.dropTable('subscriptions').execute();
    },
  };
}

function identity(dialect: DialectKind, c: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return dialect === 'sqlite' ? c.primaryKey() : c.generatedByDefaultAsIdentity().primaryKey();
}
