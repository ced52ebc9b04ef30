// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { WorkflowRecord } from '../../../engine/api';
import { createWorkflowStore, type WorkflowStore } from '../store/workflowStore';
import { useShortcuts } from './useShortcuts';
import '../catalog/testing';

afterEach(cleanup);

const record: WorkflowRecord = {
  id: 'wf', name: 'W', rev: 1, createdAt: '', updatedAt: '',
  doc: { schemaVersion: 1, name: 'W', blocks: [], edges: [], notes: '' },
};

const handlers = { save: vi.fn(), flash: vi.fn() };

function Harness({ store }: { store: WorkflowStore }) {
  useShortcuts(store, handlers);
  return <input aria-label="some field" />;
}

function ids(store: WorkflowStore): string[] {
  return store.getState().doc.blocks.map((b) => b.id);
}

describe('editor shortcuts', () => {
  it('Delete, Ctrl+Z, Ctrl+Shift+Z, Ctrl+C / Ctrl+V and Ctrl+S act on the canvas', () => {
    const store = createWorkflowStore(record);
    render(<Harness store={store} />);
    const a = store.getState().actions;
    a.addBlock('trigger', { x: 0, y: 0 });
    a.addBlock('log', { x: 200, y: 0 });
    a.connect('trigger', 'out', 'log');
    a.select({ blocks: ['log'], edges: [] });

    fireEvent.keyDown(window, { key: 'Delete' });
    expect(ids(store)).toEqual(['trigger']);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(ids(store)).toEqual(['trigger', 'log']);
    expect(store.getState().doc.edges).toHaveLength(1);
    fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(ids(store)).toEqual(['trigger']);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });

    a.select({ blocks: ['log'], edges: [] });
    fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'v', ctrlKey: true });
    expect(ids(store)).toEqual(['trigger', 'log', 'log_2']);
    expect(handlers.flash).toHaveBeenLastCalledWith('Pasted 1 block');

    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    expect(handlers.save).toHaveBeenCalledTimes(1);
  });

  it('leaves typing alone: Backspace and Ctrl+Z in a field do not touch the canvas', () => {
    const store = createWorkflowStore(record);
    render(<Harness store={store} />);
    const a = store.getState().actions;
    a.addBlock('log', { x: 0, y: 0 });
    a.select({ blocks: ['log'], edges: [] });
    const field = screen.getByLabelText('some field');
    fireEvent.keyDown(field, { key: 'Backspace' });
    fireEvent.keyDown(field, { key: 'z', ctrlKey: true });
    expect(ids(store)).toEqual(['log']);
    // Ctrl+S still saves from inside a field.
    fireEvent.keyDown(field, { key: 's', ctrlKey: true });
    expect(handlers.save).toHaveBeenCalledTimes(2);
  });
});
