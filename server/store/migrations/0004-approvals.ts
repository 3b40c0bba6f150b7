import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind';

/**
 * Tiered approval (docs/approval.md): each workspace's approval rules (one JSON document), and
 * the changes a push held for approval, one row each, with the approvals and the decision on
 * them. Rows are never deleted: a decided change stays, as the record of who proposed and who
 * approved what. `version` is raised by every update, so two approvers deciding at once cannot
 * both write over the same state.
 */
export function approvalsMigration(dialect: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('approval_rules')
        .addColumn('workspace_id', 'integer', (c) => c.primaryKey().references('workspaces.id'))
        .addColumn('rules', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('pending_changes')
        .addColumn('id', 'integer', (c) => identity(dialect, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
        .addColumn('workbook', 'text', (c) => c.notNull())
        .addColumn('sheet', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('proposed', 'text', (c) => c.notNull())
        .addColumn('original', 'text', (c) => c.notNull())
        .addColumn('base_revision', 'integer', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('proposer_id', 'text', (c) => c.notNull())
        .addColumn('proposer_email', 'text', (c) => c.notNull())
        .addColumn('proposed_at', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('approvals', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('applied_revision', 'integer')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      // The pending list of a workspace, and a cell's approved changes for its history.
      await db.schema.createIndex('pending_changes_by_status').on('pending_changes').columns(['workspace_id', 'status']).execute();
      await db.schema.createIndex('pending_changes_by_row').on('pending_changes').columns(['workspace_id', 'workbook', 'sheet', 'row_key']).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('pending_changes').execute();
      await db.schema.dropTable('approval_rules').execute();
    },
  };
}

function identity(dialect: DialectKind, c: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  // As in 0001: SQLite's INTEGER PRIMARY KEY is the rowid; PostgreSQL an identity column.
  return dialect === 'sqlite' ? c.primaryKey() : c.generatedByDefaultAsIdentity().primaryKey();
}
