import type Database from 'better-sqlite3';

/** A numbered, append-only schema change. Never edit a shipped migration; add the next one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
