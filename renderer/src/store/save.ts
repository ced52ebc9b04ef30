import { errorCode, errorMessage, type Transport } from '../client';
import { applyLoaded, applySaved } from './apply';
import { sourceOf } from './source';
import type { WorkflowStore } from './workflowStore';

// Saves of one store run one after another (autosave, Ctrl+S and Run may ask at the same moment),
// so each one starts from the revision the previous one produced.
const queues = new WeakMap<WorkflowStore, Promise<boolean>>();

/**
 * Saves the current document with the revision it started from. A stale revision comes back as
 * `rev_conflict` and opens the conflict banner instead of overwriting someone else's work.
 * Resolves true when the document is saved (or had nothing to save).
 */
export function saveWorkflow(store: WorkflowStore, client: Transport, opts: { overwrite?: boolean } = {}): Promise<boolean> {
  const next = (queues.get(store) ?? Promise.resolve(true)).then(() => saveNow(store, client, opts));
  queues.set(store, next);
  return next;
}

async function saveNow(store: WorkflowStore, client: Transport, opts: { overwrite?: boolean }): Promise<boolean> {
  const s = store.getState();
  if (s.save.conflict && !opts.overwrite) return false; // the user has to choose first
  if (s.doc === s.savedDoc && !opts.overwrite) return true;
  const sent = s.doc;
  store.setState({ save: { status: 'saving', error: null, conflict: null } });
  try {
    const source = sourceOf(store);
    let baseRev = s.rev;
    if (opts.overwrite) baseRev = (await source.load(client)).rev;
    const record = await source.save(client, baseRev, sent);
    store.setState(applySaved(store.getState(), record, sent));
    return true;
  } catch (e) {
    if (errorCode(e) === 'rev_conflict') {
      store.setState({
        save: {
          status: 'error',
          error: null,
          conflict: { message: sourceOf(store).staleMessage },
        },
      });
    } else {
      store.setState({ save: { status: 'error', error: errorMessage(e), conflict: null } });
    }
    return false;
  }
}

/** Drops local edits and loads the engine's current revision. */
export async function reloadWorkflow(store: WorkflowStore, client: Transport): Promise<void> {
  const record = await sourceOf(store).load(client);
  store.setState(applyLoaded(store.getState(), record));
}

