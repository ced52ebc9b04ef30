import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../engine';
import { defaultDataDir } from '../data-dir';
import { databaseFlag } from './database-flag';
import { loadWorkflowFile, makeDiffCommand, type WorkflowLoader } from './diff';

// `patchbay diff` accepts files, and ids from the data folder (--data-dir, else PATCHBAY_DATA_DIR or the default;
// with --database or PATCHBAY_DATABASE_URL from a server's PostgreSQL):
// `version:<id>` (a released version), `userVersion:<id>` (a user-specific version), `draft:<workflowId>`,
// or a bare id, tried in that order.
const loadVersionOrFile: WorkflowLoader = async (ref, io, source) => {
  if (existsSync(resolve(io.cwd, ref)) || ref.endsWith('.json')) return loadWorkflowFile(ref, io, source);
  const database = databaseFlag(source.database);
  const engine = await createEngine({ dataDir: source.dataDir ?? defaultDataDir(io.env), ...(database ? { database } : {}), resume: false, retention: false });
  try {
    const [kind, id] = ref.includes(':') ? (ref.split(/:(.*)/s) as [string, string]) : ['any', ref];
    if (kind === 'version') return (await engine.call('versions.get', { id })).doc;
    if (kind === 'userVersion') return (await engine.call('userVersions.get', { id })).doc;
    if (kind === 'draft') return (await engine.call('workflows.get', { id })).doc;
    for (const attempt of [
      () => engine.call('versions.get', { id }),
      () => engine.call('userVersions.get', { id }),
      () => engine.call('workflows.get', { id }),
    ]) {
      try {
        return (await attempt()).doc;
      } catch {
        // try the next kind of id
      }
    }
    return (await engine.call('versions.get', { id })).doc;
  } finally {
    await engine.close();
  }
};

export const diffCommand = makeDiffCommand(
  loadVersionOrFile,
  'patchbay diff <versionA> <versionB> [--data-dir D] [--database postgres://…]   (files, or version:<id> | userVersion:<id> | draft:<workflowId> from the data folder)',
);
