import type { WorkflowDoc, WorkflowRecord } from '../../../engine/api';
import { emptySelection, type HistoryEntry, type Selection, type WorkflowState } from './types';

// The only functions that write `doc` (and the history beside it). Actions compute the next
// document and hand it here, so every document change is undoable the same way.

const HISTORY_LIMIT = 200;

type Patch = Partial<WorkflowState>;

function pruneSelection(doc: WorkflowDoc, sel: Selection): Selection {
  const blocks = new Set(doc.blocks.map((b) => b.id));
  const edges = new Set(doc.edges.map((e) => e.id));
  return { blocks: sel.blocks.filter((id) => blocks.has(id)), edges: sel.edges.filter((id) => edges.has(id)) };
}

/** Records an edit. With a `key` equal to the previous edit's, the two merge into one undo step. */
export function applyEdit(
  state: WorkflowState,
  next: WorkflowDoc,
  opts: { key?: string | null; selection?: Selection } = {},
): Patch {
  if (next === state.doc) return {};
  const key = opts.key ?? null;
  const coalesce = key !== null && key === state.lastKey && state.past.length > 0;
  const entry: HistoryEntry = { doc: state.doc, selection: state.selection };
  const past = coalesce ? state.past : [...state.past, entry].slice(-HISTORY_LIMIT);
  return {
    doc: next,
    past,
    future: [],
    lastKey: key,
    selection: pruneSelection(next, opts.selection ?? state.selection),
  };
}

export function applyUndo(state: WorkflowState): Patch {
  const prev = state.past[state.past.length - 1];
  if (!prev) return {};
  return {
    doc: prev.doc,
    selection: prev.selection,
    past: state.past.slice(0, -1),
    future: [{ doc: state.doc, selection: state.selection }, ...state.future],
    lastKey: null,
  };
}

export function applyRedo(state: WorkflowState): Patch {
  const next = state.future[0];
  if (!next) return {};
  return {
    doc: next.doc,
    selection: next.selection,
    past: [...state.past, { doc: state.doc, selection: state.selection }],
    future: state.future.slice(1),
    lastKey: null,
  };
}

/** A document from the engine replaces ours (open, reload after a conflict). */
export function applyLoaded(state: WorkflowState, record: WorkflowRecord): Patch {
  return {
    workflowId: record.id,
    rev: record.rev,
    doc: record.doc,
    savedDoc: record.doc,
    past: [],
    future: [],
    lastKey: null,
    selection: pruneSelection(record.doc, state.selection),
    save: { status: 'idle', error: null, conflict: null },
  };
}

/**
 * A save went through. `sent` is the document we sent: edits made while the save was in flight
 * stay unsaved (doc !== savedDoc) and undo history is kept.
 */
export function applySaved(state: WorkflowState, record: WorkflowRecord, sent: WorkflowDoc): Patch {
  return {
    rev: record.rev,
    savedDoc: sent,
    doc: state.doc === sent ? sent : state.doc,
    lastKey: null,
    save: { status: 'idle', error: null, conflict: null },
  };
}

export function initialState(record: WorkflowRecord): Omit<WorkflowState, 'actions'> {
  return {
    workflowId: record.id,
    rev: record.rev,
    doc: record.doc,
    savedDoc: record.doc,
    selection: emptySelection,
    past: [],
    future: [],
    lastKey: null,
    issues: [],
    save: { status: 'idle', error: null, conflict: null },
    run: { runId: null, run: null, steps: {}, starting: false, error: null },
    sizes: {},
  };
}
