import type { Kysely, Migration } from 'kysely';

/**
 * Each workspace's designated governance sheets: which sheet is its permission matrix (the
 * source of its policy) and which its data classification (the source of its masking rules).
 * A matrix or classification pushed anywhere else is an ordinary sheet. Workspaces made before
 * this table have none designated until an administrator pushes one: until then no
 * classification applies (masking falls back to its fail-closed defaults) and the stored
 * policy stays as it was.
 */
export function governanceSourcesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('governance_sources')
        .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('workbook', 'text', (c) => c.notNull())
        .addColumn('sheet', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('governance_sources_pk', ['workspace_id', 'kind'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('governance_sources').execute();
    },
  };
}
