import type Database from 'better-sqlite3';

/** What SQLite says of the file's structure: its integrity check, and the references that point nowhere. */
export interface StructureReport {
  integrity: string[];
  foreignKeyViolations: number;
}

/** SQLite's integrity check and foreign key check, on any connection to the vault's database. */
export function checkStructure(sqlite: Database.Database): StructureReport {
  const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  const foreignKeyViolations = (sqlite.pragma('foreign_key_check') as unknown[]).length;
  return { integrity, foreignKeyViolations };
}
