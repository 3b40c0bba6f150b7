import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectKind } from '../dialect-kind';

/**
 * The first schema. One definition for both dialects; the differences are spelled out where
 * they are: identity columns, and WITHOUT ROWID on SQLite for the two big tables (their
 * primary key is the natural lookup, so a clustered table saves a second B-tree per row).
 */
export function initialMigration(dialect: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``;

      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'integer', (c) => identity(dialect, c))
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('workspaces_tenant_name', ['tenant_id', 'name'])
        .execute();

      await db.schema
        .createTable('workbooks')
        .addColumn('id', 'integer', (c) => identity(dialect, c))
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('workbooks_workspace_name', ['workspace_id', 'name'])
        .execute();

      await db.schema
        .createTable('sheets')
        .addColumn('id', 'integer', (c) => identity(dialect, c))
        .addColumn('workbook_id', 'integer', (c) => c.notNull().references('workbooks.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('sheets_workbook_name', ['workbook_id', 'name'])
        .execute();

      // No foreign key from the two big tables to sheets: on SQLite it costs a lookup per
      // inserted row (100k on a full push) and every writer already holds the sheet's id
      // from a row it just read or locked in the same transaction.
      await db.schema
        .createTable('sheet_rows')
        .addColumn('sheet_id', 'integer', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('cells', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('sheet_rows_pk', ['sheet_id', 'row_key'])
        .modifyEnd(clustered)
        .execute();
      // Pull(since) and "rows changed after the base revision" without scanning the sheet.
      await db.schema.createIndex('sheet_rows_by_revision').on('sheet_rows').columns(['sheet_id', 'revision']).execute();

      await db.schema
        .createTable('row_changes')
        .addColumn('sheet_id', 'integer', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('row_changes_pk', ['sheet_id', 'row_key', 'revision'])
        .modifyEnd(clustered)
        .execute();

      await db.schema
        .createTable('sheet_revisions')
        .addColumn('sheet_id', 'integer', (c) => c.notNull().references('sheets.id'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sheet_revisions_pk', ['sheet_id', 'revision'])
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('http_status', 'integer')
        .addColumn('response', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'key'])
        .execute();

      await db.schema
        .createTable('policies')
        .addColumn('workspace_id', 'integer', (c) => c.primaryKey().references('workspaces.id'))
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('synced_users')
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('data_source', 'text', (c) => c.notNull())
        .addColumn('synced_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('synced_users_pk', ['workspace_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('scheduled_runs')
        .addColumn('job', 'text', (c) => c.notNull())
        .addColumn('fire_at', 'text', (c) => c.notNull())
        .addColumn('instance', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('scheduled_runs_pk', ['job', 'fire_at'])
        .execute();
    },
  };
}

function identity(dialect: DialectKind, c: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  // SQLite: an INTEGER PRIMARY KEY is the rowid, assigned on insert. PostgreSQL: an identity.
  return dialect === 'sqlite' ? c.primaryKey() : c.generatedByDefaultAsIdentity().primaryKey();
}
