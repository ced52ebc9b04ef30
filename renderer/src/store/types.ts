import type { Port, RunRecord, StepRecord, ValidationIssue, WorkflowDoc } from '../../../engine/api';

export interface Selection {
  readonly blocks: readonly string[];
  readonly edges: readonly string[];
}

export const emptySelection: Selection = { blocks: [], edges: [] };

/** A snapshot for undo/redo: the document and what was selected when it was current. */
export interface HistoryEntry {
  readonly doc: WorkflowDoc;
  readonly selection: Selection;
}

export interface Conflict {
  readonly message: string;
}

export interface SaveState {
  readonly status: 'idle' | 'saving' | 'error';
  readonly error: string | null;
  readonly conflict: Conflict | null;
}

export interface RunView {
  readonly runId: string | null;
  readonly run: RunRecord | null;
  /** Keyed by step id; events and fetched lists merge here. */
  readonly steps: Readonly<Record<string, StepRecord>>;
  readonly starting: boolean;
  readonly error: string | null;
  /** More journaled steps exist after this sequence number (a long run is read a page at a time). */
  readonly moreAfterSeq?: number | null;
}

export const emptyRun: RunView = { runId: null, run: null, steps: {}, starting: false, error: null };

export interface BlockMove {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export interface WorkflowActions {
  addBlock(kind: string, position: { x: number; y: number }): string;
  connect(from: string, port: Port, to: string): boolean;
  /** `gesture` groups the many moves of one drag into a single undo step. */
  moveBlocks(moves: readonly BlockMove[], gesture: string): void;
  deleteSelection(): void;
  deleteBlocks(ids: readonly string[], edgeIds?: readonly string[]): void;
  updateConfig(blockId: string, patch: Readonly<Record<string, unknown>>): void;
  replaceConfig(blockId: string, config: Readonly<Record<string, unknown>>): void;
  renameBlock(blockId: string, name: string): void;
  renameWorkflow(name: string): void;
  setNotes(notes: string): void;
  select(selection: Selection): void;
  copySelection(): number;
  paste(): number;
  undo(): void;
  redo(): void;
  setIssues(issues: readonly ValidationIssue[]): void;
  setSize(blockId: string, size: { width: number; height: number }): void;
}

export interface WorkflowState {
  readonly workflowId: string;
  readonly rev: number;
  readonly doc: WorkflowDoc;
  /** The document as last loaded or saved; `doc !== savedDoc` means unsaved edits. */
  readonly savedDoc: WorkflowDoc;
  readonly selection: Selection;
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
  /** Coalescing key of the last edit: consecutive edits with the same key form one undo step. */
  readonly lastKey: string | null;
  readonly issues: readonly ValidationIssue[];
  readonly save: SaveState;
  readonly run: RunView;
  readonly sizes: Readonly<Record<string, { readonly width: number; readonly height: number }>>;
  readonly actions: WorkflowActions;
}
