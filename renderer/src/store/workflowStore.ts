import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WorkflowRecord } from '../../../engine/api';
import { applyEdit, applyRedo, applyUndo, initialState } from './apply';
import { setClipboard, takeClipboard } from './clipboard';
import * as ops from './docOps';
import type { WorkflowActions, WorkflowState } from './types';

export type WorkflowStore = StoreApi<WorkflowState>;

/**
 * One store per open workflow. Actions are named by intent; every document change goes through
 * `applyEdit` (or undo/redo), so history is complete by construction.
 */
export function createWorkflowStore(record: WorkflowRecord): WorkflowStore {
  return createStore<WorkflowState>()((set, get) => {
    const edit = (next: WorkflowState['doc'], opts?: Parameters<typeof applyEdit>[2]) => set(applyEdit(get(), next, opts));

    const actions: WorkflowActions = {
      addBlock(kind, position) {
        const { doc, id } = ops.addBlock(get().doc, kind, position);
        edit(doc, { selection: { blocks: [id], edges: [] } });
        return id;
      },
      connect(from, port, to) {
        const before = get().doc;
        const next = ops.connect(before, from, port, to);
        edit(next);
        return next !== before;
      },
      moveBlocks(moves, gesture) {
        const map = new Map(moves.map((m) => [m.id, { x: Math.round(m.x), y: Math.round(m.y) }]));
        edit(ops.moveBlocks(get().doc, map), { key: `move:${gesture}` });
      },
      deleteSelection() {
        const { blocks, edges } = get().selection;
        actions.deleteBlocks(blocks, edges);
      },
      deleteBlocks(ids, edgeIds = []) {
        edit(ops.removeItems(get().doc, ids, edgeIds));
      },
      updateConfig(blockId, patch) {
        const key = `config:${blockId}:${Object.keys(patch).sort().join(',')}`;
        edit(ops.updateBlock(get().doc, blockId, (b) => ({ ...b, config: { ...b.config, ...patch } })), { key });
      },
      replaceConfig(blockId, config) {
        edit(ops.updateBlock(get().doc, blockId, (b) => ({ ...b, config: { ...config } })), { key: `config:${blockId}:*` });
      },
      renameBlock(blockId, name) {
        edit(ops.updateBlock(get().doc, blockId, (b) => (b.name === name ? b : { ...b, name })), { key: `name:${blockId}` });
      },
      renameWorkflow(name) {
        const doc = get().doc;
        if (doc.name !== name) edit({ ...doc, name }, { key: 'workflow:name' });
      },
      setNotes(notes) {
        const doc = get().doc;
        if (doc.notes !== notes) edit({ ...doc, notes }, { key: 'workflow:notes' });
      },
      select(selection) {
        const cur = get().selection;
        const same =
          cur.blocks.length === selection.blocks.length &&
          cur.edges.length === selection.edges.length &&
          cur.blocks.every((id, i) => selection.blocks[i] === id) &&
          cur.edges.every((id, i) => selection.edges[i] === id);
        if (!same) set({ selection, lastKey: null });
      },
      copySelection() {
        const payload = ops.copyItems(get().doc, get().selection.blocks);
        if (payload.blocks.length > 0) setClipboard(payload);
        return payload.blocks.length;
      },
      paste() {
        const clip = takeClipboard();
        if (!clip) return 0;
        const { doc, ids } = ops.pasteItems(get().doc, clip.payload, clip.offset);
        edit(doc, { selection: { blocks: ids, edges: [] } });
        return ids.length;
      },
      undo() {
        set(applyUndo(get()));
      },
      redo() {
        set(applyRedo(get()));
      },
      setIssues(issues) {
        set({ issues });
      },
      setSize(blockId, size) {
        const cur = get().sizes[blockId];
        if (cur && cur.width === size.width && cur.height === size.height) return;
        set({ sizes: { ...get().sizes, [blockId]: size } });
      },
    };

    return { ...initialState(record), actions };
  });
}
