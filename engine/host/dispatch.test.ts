import { describe, expect, it } from 'vitest';
import { withEngine } from '../testing/temp-engine';

describe('dispatch', () => {
  it('refuses unknown methods and malformed arguments with stable codes', async () => {
    await withEngine(async (engine) => {
      expect(await engine.dispatch('workflows.explode', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      const bad = await engine.dispatch('workflows.create', { name: 42 });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', details: { issues: [{ path: 'name' }] } } });
    });
  });

  it('maps a missing record to not_found and a stale save to rev_conflict', async () => {
    await withEngine(async (engine) => {
      expect(await engine.dispatch('workflows.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const wf = await engine.call('workflows.create', { name: 'Order Sync' });
      const saved = await engine.call('workflows.save', { id: wf.id, baseRev: wf.rev, doc: { ...wf.doc, notes: 'first' } });
      expect(saved.rev).toBe(wf.rev + 1);
      const stale = await engine.dispatch('workflows.save', { id: wf.id, baseRev: wf.rev, doc: { ...wf.doc, notes: 'second' } });
      expect(stale).toMatchObject({ ok: false, error: { code: 'rev_conflict', details: { currentRev: saved.rev } } });
      expect((await engine.call('workflows.get', { id: wf.id })).doc.notes).toBe('first');
    });
  });

  it('creates, renames, duplicates, lists and deletes workflows', async () => {
    await withEngine(async (engine) => {
      const wf = await engine.call('workflows.create', { name: 'A' });
      expect(wf.doc.blocks.map((b) => b.kind)).toEqual(['trigger']);
      await engine.call('workflows.rename', { id: wf.id, name: 'Renamed' });
      const copy = await engine.call('workflows.duplicate', { id: wf.id });
      expect(copy.name).toBe('Renamed (copy)');
      expect((await engine.call('workflows.list', {})).map((w) => w.name).sort()).toEqual(['Renamed', 'Renamed (copy)']);
      expect(await engine.call('workflows.delete', { id: wf.id })).toEqual({ deleted: true });
      expect((await engine.call('workflows.list', {})).map((w) => w.name)).toEqual(['Renamed (copy)']);
    });
  });

  it('derives editor typings for Custom Code from a sample, or any without one', async () => {
    await withEngine(async (engine) => {
      const typed = await engine.call('code.typings', { sample: { tranId: 'PO1', lines: [{ qty: 2 }] } });
      expect(typed.declarations).toContain('tranId: string;');
      expect(typed.declarations).toContain('declare const input: Input;');
      expect((await engine.call('code.typings', {})).declarations).toContain('type Input = any;');
    });
  });
});
