import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';

// Counts the commits every process made to a SQLite database in WAL mode, from the WAL file:
// a frame whose header carries the database size after it is the last frame of a commit. A read
// transaction held open from the start keeps SQLite from restarting the WAL (it would overwrite
// frames we have not counted); the WAL grows meanwhile, which is fine for a bench.

export interface CommitCounter {
  /** Commits since the counter was opened. */
  count(): number;
  close(): void;
}

function commitFrames(walFile: string): number {
  let size: number;
  try {
    size = statSync(walFile).size;
  } catch {
    return 0;
  }
  if (size < 32) return 0;
  const fd = openSync(walFile, 'r');
  try {
    const header = Buffer.alloc(32);
    readSync(fd, header, 0, 32, 0);
    const pageSize = header.readUInt32BE(8);
    const salt1 = header.readUInt32BE(16);
    const salt2 = header.readUInt32BE(20);
    const frame = Buffer.alloc(24);
    let commits = 0;
    for (let at = 32; at + 24 + pageSize <= size; at += 24 + pageSize) {
      readSync(fd, frame, 0, 24, at);
      if (frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break;
      if (frame.readUInt32BE(4) !== 0) commits++;
    }
    return commits;
  } finally {
    closeSync(fd);
  }
}

export function countCommits(dbFile: string): CommitCounter {
  const db = new Database(dbFile, { readonly: true });
  db.exec('BEGIN');
  db.prepare('SELECT COUNT(*) FROM runs').get();
  const start = commitFrames(`${dbFile}-wal`);
  return {
    count: () => commitFrames(`${dbFile}-wal`) - start,
    close: () => {
      db.exec('COMMIT');
      db.close();
    },
  };
}
