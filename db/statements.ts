import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The connection's prepared statement for `sql`, compiled once and reused. better-sqlite3 caches nothing, and on
 * the log's hot paths compiling the same SQL for every entry cost more than writing it (store-at-the-floor.md).
 * Only for fixed SQL text: a statement built from varying input would grow the cache without bound.
 */
export function statement(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = sqlite.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
