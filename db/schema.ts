import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The vault's schema. Times are ISO 8601 strings in UTC with milliseconds (`2026-11-28T18:03:10.123Z`),
 * written by the services, so they sort and compare as text and survive export unchanged.
 */

/** Local accounts. A user's key slot (outside the database) refers to `id`. Users are never deleted, only removed. */
export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['beheerder', 'redacteur', 'lezer'] }).notNull(),
  createdAt: text('created_at').notNull(),
  removedAt: text('removed_at'),
});

/** BIO audit lines: action, object, result, origin, actor, time. Appended only (triggers in a migration). */
export const auditLines = sqliteTable(
  'audit_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    object: text('object').notNull(),
    result: text('result', { enum: ['ok', 'geweigerd', 'fout'] }).notNull(),
    origin: text('origin', { enum: ['app', 'cli', 'browser-host', 'system'] }).notNull(),
  },
  (t) => [index('audit_lines_at').on(t.at)],
);

/** Vault-wide settings as key/value JSON (idle lock minutes, municipality name, ...). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});
