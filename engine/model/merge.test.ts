import { describe, expect, it } from 'vitest';
import { isPatchbayError } from '../errors/patchbay-error';
import { mergeResultSchema, type MergeResult } from './merge-schema';
import { mergeWorkflows, resolveConflicts } from './merge';
import { blockOf, orderSyncWorkflow, rulesOf } from '../testing/version-fixtures';
import type { WorkflowDoc } from './workflow';

type Edit = (doc: WorkflowDoc) => void;

function merge(releaseEdit: Edit, customerEdit: Edit): { ancestor: WorkflowDoc; result: MergeResult } {
  const ancestor = orderSyncWorkflow();
  const release = orderSyncWorkflow();
  const customer = orderSyncWorkflow();
  releaseEdit(release);
  customerEdit(customer);
  const result = mergeWorkflows({ ancestor, release, customer });
  expect(mergeResultSchema.parse(result)).toEqual(result);
  return { ancestor, result };
}

const config = (doc: WorkflowDoc, id = 'fetch') => blockOf(doc, id).config;

// Config field level: `url` and `query` exist in the ancestor, `timeoutMs`/`connectionId` do not.
type Op = 'add' | 'remove' | 'change';
const fieldFor = { add: ['timeoutMs', 'connectionId'], remove: ['url', 'query'], change: ['url', 'query'] } as const;
function fieldEdit(op: Op, key: string, value: unknown): Edit {
  return (doc) => {
    if (op === 'remove') delete config(doc)[key];
    else config(doc)[key] = value;
  };
}

describe('mergeWorkflows: the config field matrix (release op x customer op x same/different field)', () => {
  const ops: Op[] = ['add', 'remove', 'change'];
  for (const bop of ops) {
    for (const fop of ops) {
      it(`release ${bop} + customer ${fop} on different fields: both apply, nothing conflicts`, () => {
        const bKey = fieldFor[bop][0];
        const fKey = fieldFor[fop][1];
        const { ancestor, result } = merge(fieldEdit(bop, bKey, 'release-value'), fieldEdit(fop, fKey, 'customer-value'));
        expect(result.conflicts).toEqual([]);
        const merged = config(result.merged);
        expect(merged[bKey]).toBe(bop === 'remove' ? undefined : 'release-value');
        expect(merged[fKey]).toBe(fop === 'remove' ? undefined : 'customer-value');
        expect(result.applied.map((c) => c.pointer)).toEqual([`/blocks/#fetch/config/${bKey}`]);
        expect(result.kept.map((c) => c.pointer)).toEqual([`/blocks/#fetch/config/${fKey}`]);
        expect(result.applied[0]?.op).toBe(bop === 'add' ? 'added' : bop === 'remove' ? 'removed' : 'changed');
        expect(config(ancestor).url).toBe('https://shop.test/orders');
      });
    }
  }

  // On the same field only these pairs exist (a field is either in the ancestor or not).
  it('release add + customer add of the same field with different values: a conflict showing both', () => {
    const { result } = merge(fieldEdit('add', 'timeoutMs', 5000), fieldEdit('add', 'timeoutMs', 9000));
    expect(result.conflicts).toEqual([
      {
        id: '/blocks/#fetch/config/timeoutMs',
        kind: 'both_changed',
        pointer: '/blocks/#fetch/config/timeoutMs',
        path: ['blocks', { id: 'fetch' }, 'config', 'timeoutMs'],
        label: 'blocks[fetch].config.timeoutMs',
        blockId: 'fetch',
        ruleId: null,
        edgeId: null,
        ancestor: { present: false },
        release: { present: true, value: 5000 },
        customer: { present: true, value: 9000 },
      },
    ]);
    expect(config(result.merged).timeoutMs).toBe(9000);
  });

  it('the same change on both sides is not a conflict', () => {
    for (const op of ['add', 'change', 'remove'] as const) {
      const key = fieldFor[op][0];
      const { result } = merge(fieldEdit(op, key, 'same'), fieldEdit(op, key, 'same'));
      expect(result.conflicts).toEqual([]);
      expect(result.agreed.map((c) => c.pointer)).toEqual([`/blocks/#fetch/config/${key}`]);
      expect(config(result.merged)[key]).toBe(op === 'remove' ? undefined : 'same');
    }
  });

  it('release change + customer change of the same field to different values: conflict, customer value for now', () => {
    const { result } = merge(fieldEdit('change', 'url', 'https://release'), fieldEdit('change', 'url', 'https://customer'));
    expect(result.conflicts.map((c) => [c.id, c.kind, c.ancestor.value, c.release.value, c.customer.value])).toEqual([
      ['/blocks/#fetch/config/url', 'both_changed', 'https://shop.test/orders', 'https://release', 'https://customer'],
    ]);
    expect(config(result.merged).url).toBe('https://customer');
    expect(config(resolveConflicts(result, { '/blocks/#fetch/config/url': 'release' })).url).toBe('https://release');
    expect(config(resolveConflicts(result, { '/blocks/#fetch/config/url': 'customer' })).url).toBe('https://customer');
    expect(config(resolveConflicts(result, { '/blocks/#fetch/config/url': { value: 'https://edited' } })).url).toBe('https://edited');
  });

  it('release change + customer remove of the same field: conflict, removed for now, release brings it back', () => {
    const { result } = merge(fieldEdit('change', 'query', { limit: 10 }), fieldEdit('remove', 'query', null));
    expect(result.conflicts.map((c) => [c.kind, c.release, c.customer])).toEqual([['removed_and_changed', { present: true, value: { limit: 10 } }, { present: false }]]);
    expect('query' in config(result.merged)).toBe(false);
    expect(config(resolveConflicts(result, { '/blocks/#fetch/config/query': 'release' })).query).toEqual({ limit: 10 });
    expect('query' in config(resolveConflicts(result, { '/blocks/#fetch/config/query': 'customer' }))).toBe(false);
  });

  it('release remove + customer change of the same field: conflict, the customer value stays for now', () => {
    const { result } = merge(fieldEdit('remove', 'query', null), fieldEdit('change', 'query', { limit: 5 }));
    expect(result.conflicts.map((c) => [c.kind, c.release, c.customer])).toEqual([['removed_and_changed', { present: false }, { present: true, value: { limit: 5 } }]]);
    expect(config(result.merged).query).toEqual({ limit: 5 });
    expect('query' in config(resolveConflicts(result, { '/blocks/#fetch/config/query': 'release' }))).toBe(false);
  });

  it('nested config objects merge key by key', () => {
    const { result } = merge(
      (d) => void (config(d).headers = { Accept: 'application/json', 'X-Release': '1' }),
      (d) => void (config(d).headers = { Accept: 'text/csv' }),
    );
    expect(result.conflicts).toEqual([]);
    expect(config(result.merged).headers).toEqual({ Accept: 'text/csv', 'X-Release': '1' });
  });
});

describe('mergeWorkflows: blocks (add/remove/change on release x customer, same or different block)', () => {
  const logBlock = (id: string, message: string) => ({ id, kind: 'log', name: 'Log', config: { message }, position: { x: 0, y: 200 } });
  const removeBlock = (id: string): Edit => (d) => {
    d.blocks = d.blocks.filter((b) => b.id !== id);
    d.edges = d.edges.filter((e) => e.from !== id && e.to !== id);
  };

  it('blocks added on both sides under different ids are both kept', () => {
    const { result } = merge((d) => void d.blocks.push(logBlock('log_base', 'b')), (d) => void d.blocks.push(logBlock('log_mine', 'm')));
    expect(result.conflicts).toEqual([]);
    expect(result.merged.blocks.map((b) => b.id)).toEqual(['trigger', 'fetch', 'map', 'stop', 'log_base', 'log_mine']);
  });

  it('the same block id added on both sides: identical is one block, different is one conflict', () => {
    const same = merge((d) => void d.blocks.push(logBlock('log', 'b')), (d) => void d.blocks.push(logBlock('log', 'b'))).result;
    expect(same.conflicts).toEqual([]);
    expect(same.merged.blocks.filter((b) => b.id === 'log')).toHaveLength(1);
    const { result } = merge((d) => void d.blocks.push(logBlock('log', 'b')), (d) => void d.blocks.push(logBlock('log', 'm')));
    expect(result.conflicts.map((c) => [c.id, c.kind, c.ancestor.present])).toEqual([['/blocks/#log', 'both_changed', false]]);
    expect(config(result.merged, 'log').message).toBe('m');
  });

  it('a block removed on both sides is gone without a conflict', () => {
    const { result } = merge(removeBlock('stop'), removeBlock('stop'));
    expect(result.conflicts).toEqual([]);
    expect(result.merged.blocks.map((b) => b.id)).not.toContain('stop');
  });

  it('one side removes a block, the other changes another block: both apply', () => {
    const { result } = merge(removeBlock('stop'), (d) => void (config(d).url = 'https://customer'));
    expect(result.conflicts).toEqual([]);
    expect(result.merged.blocks.map((b) => b.id)).toEqual(['trigger', 'fetch', 'map']);
    expect(result.merged.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(config(result.merged).url).toBe('https://customer');
  });

  it('customer removes the Stop block while release edits its reason: a conflict, resolvable either way', () => {
    const { result } = merge((d) => void (config(d, 'stop').reason = 'release reason'), removeBlock('stop'));
    expect(result.conflicts.map((c) => [c.id, c.kind, c.customer.present, c.release.present])).toEqual([['/blocks/#stop', 'removed_and_changed', false, true]]);
    expect(result.merged.blocks.map((b) => b.id)).not.toContain('stop');
    expect(result.merged.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    const taken = resolveConflicts(result, { '/blocks/#stop': 'release' });
    expect(config(taken, 'stop').reason).toBe('release reason');
  });

  it('release removes a block the customer edited: conflict, the customer keeps it for now; taking the release drops it and its edges', () => {
    const { result } = merge(removeBlock('map'), (d) => void (config(d, 'map').input = '{{ steps.fetch.output.body.orders }}'));
    expect(result.conflicts.map((c) => [c.id, c.kind])).toEqual([['/blocks/#map', 'removed_and_changed']]);
    expect(result.merged.blocks.map((b) => b.id)).toContain('map');
    const taken = resolveConflicts(result, { '/blocks/#map': 'release' });
    expect(taken.blocks.map((b) => b.id)).toEqual(['trigger', 'fetch', 'stop']);
    expect(taken.edges.every((e) => e.from !== 'map' && e.to !== 'map')).toBe(true);
  });

  it('release removes a block that a new customer edge connects to: removed_and_used conflict, no dangling edge', () => {
    const { result } = merge(removeBlock('stop'), (d) => {
      d.blocks.push(logBlock('log', 'm'));
      d.edges.push({ id: 'e9', from: 'log', port: 'out', to: 'stop' });
    });
    expect(result.conflicts.map((c) => [c.id, c.kind, c.reason])).toEqual([
      ['/blocks/#stop', 'removed_and_used', 'The new release removes this block, but your edges e9 connect to it.'],
    ]);
    expect(result.merged.blocks.map((b) => b.id)).toContain('stop');
    expect(result.applied.filter((c) => c.pointer.startsWith('/blocks/#stop'))).toEqual([]);
    const taken = resolveConflicts(result, { '/blocks/#stop': 'release' });
    expect(taken.blocks.map((b) => b.id)).not.toContain('stop');
    expect(taken.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('customer removes a block that release connects a new edge to: the edge is held back with the conflict', () => {
    const { result } = merge(
      (d) => {
        d.blocks.push(logBlock('log', 'b'));
        d.edges.push({ id: 'e8', from: 'stop', port: 'out', to: 'log' });
      },
      removeBlock('stop'),
    );
    const [conflict] = result.conflicts;
    expect(result.conflicts).toHaveLength(1);
    expect(conflict).toMatchObject({ id: '/blocks/#stop', kind: 'removed_and_used', customer: { present: false }, heldEdges: [{ id: 'e8', from: 'stop', to: 'log' }] });
    expect(result.merged.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(result.applied.map((c) => c.pointer)).toEqual(['/blocks/#log']);
    const customer = resolveConflicts(result, { '/blocks/#stop': 'customer' });
    expect(customer.blocks.map((b) => b.id)).toEqual(['trigger', 'fetch', 'map', 'log']);
    const release = resolveConflicts(result, { '/blocks/#stop': 'release' });
    expect(release.blocks.map((b) => b.id)).toEqual(['trigger', 'fetch', 'map', 'stop', 'log']);
    expect(release.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e8']);
  });

  it('taking the release for a block the customer rewired an edge into restores release\'s wiring of that edge', () => {
    const edge = (d: WorkflowDoc, id: string) => d.edges.find((e) => e.id === id) ?? { id, from: '', port: 'out' as const, to: '' };
    const { result } = merge(
      (d) => {
        removeBlock('stop')(d);
        edge(d, 'e2').port = 'error';
      },
      (d) => {
        config(d, 'stop').reason = 'customer';
        edge(d, 'e2').to = 'stop';
      },
    );
    expect(result.conflicts.map((c) => [c.id, c.kind, c.heldEdges])).toEqual([
      ['/blocks/#stop', 'removed_and_changed', [{ id: 'e2', from: 'fetch', port: 'error', to: 'map' }]],
    ]);
    expect(edge(result.merged, 'e2')).toEqual({ id: 'e2', from: 'fetch', port: 'error', to: 'stop' });
    expect(edge(resolveConflicts(result, { '/blocks/#stop': 'customer' }), 'e2')).toEqual({ id: 'e2', from: 'fetch', port: 'error', to: 'stop' });
    const taken = resolveConflicts(result, { '/blocks/#stop': 'release' });
    expect(taken.edges).toEqual([
      { id: 'e1', from: 'trigger', port: 'out', to: 'fetch' },
      { id: 'e2', from: 'fetch', port: 'error', to: 'map' },
    ]);
  });

  it('the same connection drawn on both sides under different ids is kept once (the customer\'s)', () => {
    const { result } = merge(
      (d) => void d.edges.push({ id: 'base_e', from: 'fetch', port: 'error', to: 'stop' }),
      (d) => void d.edges.push({ id: 'mine_e', from: 'fetch', port: 'error', to: 'stop' }),
    );
    expect(result.merged.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'mine_e']);
    expect(result.applied).toEqual([]);
    expect(result.agreed.map((c) => c.pointer)).toEqual(['/edges/#base_e']);
  });

  it('moves conflict as one value (x and y together); a rename on the other side merges', () => {
    const { result } = merge(
      (d) => void (blockOf(d, 'map').position = { x: 1, y: 2 }),
      (d) => {
        blockOf(d, 'map').position = { x: 1, y: 3 };
        blockOf(d, 'map').name = 'Map to NetSuite';
      },
    );
    expect(result.conflicts.map((c) => c.id)).toEqual(['/blocks/#map/position']);
    expect(blockOf(result.merged, 'map')).toMatchObject({ name: 'Map to NetSuite', position: { x: 1, y: 3 } });
  });
});

describe('mergeWorkflows: mapping rules keyed by rule id', () => {
  const rule = (id: string, target: string) => ({ id, target, source: target });
  const setRules = (d: WorkflowDoc, rules: unknown[]) => void (blockOf(d, 'map').config.rules = rules);
  const ids = (d: WorkflowDoc) => rulesOf(d, 'map').map((r) => r.id);

  it('keeps the customer order and inserts release-added rules right after their release predecessor', () => {
    const { result } = merge(
      (d) => {
        const [r1, r2, r3] = rulesOf(d, 'map');
        setRules(d, [r1, rule('b1', 'subsidiary'), r2, r3, rule('b2', 'location')]);
      },
      (d) => {
        const [r1, r2, r3] = rulesOf(d, 'map');
        setRules(d, [r3, rule('m1', 'custbody_acme'), r1, r2]);
      },
    );
    expect(result.conflicts).toEqual([]);
    // b2 followed r3 in release; the customer moved r3 first, so b2 follows it there.
    expect(ids(result.merged)).toEqual(['r3', 'b2', 'm1', 'r1', 'b1', 'r2']);
  });

  it('applies a release reorder when the customer kept the order, and conflicts on two different reorders', () => {
    const reorder = (order: string[]): Edit => (d) => {
      const byId = new Map(rulesOf(d, 'map').map((r) => [r.id, r]));
      setRules(d, order.map((id) => byId.get(id)));
    };
    const clean = merge(reorder(['r3', 'r2', 'r1']), (d) => void rulesOf(d, 'map').splice(1, 0, rule('m1', 'memo2'))).result;
    expect(ids(clean.merged)).toEqual(['r3', 'r2', 'r1', 'm1']);
    expect(clean.applied.map((c) => c.op)).toEqual(['reordered']);
    const clash = merge(reorder(['r3', 'r2', 'r1']), reorder(['r2', 'r1', 'r3'])).result;
    expect(clash.conflicts.map((c) => [c.id, c.kind, c.release.value, c.customer.value])).toEqual([
      ['order:/blocks/#map/config/rules', 'order', ['r3', 'r2', 'r1'], ['r2', 'r1', 'r3']],
    ]);
    expect(ids(clash.merged)).toEqual(['r2', 'r1', 'r3']);
    expect(ids(resolveConflicts(clash, { 'order:/blocks/#map/config/rules': 'release' }))).toEqual(['r3', 'r2', 'r1']);
  });

  it('merges different fields of one rule and conflicts on the same field, naming the rule', () => {
    const { result } = merge(
      (d) => {
        const r2 = rulesOf(d, 'map')[1];
        if (r2) Object.assign(r2, { source: 'comments', note: 'release note' });
      },
      (d) => {
        const r2 = rulesOf(d, 'map')[1];
        if (r2) Object.assign(r2, { source: 'custbody_memo', transforms: [] });
      },
    );
    expect(result.conflicts.map((c) => [c.id, c.ruleId, c.blockId, c.label])).toEqual([
      ['/blocks/#map/config/rules/#r2/source', 'r2', 'map', 'blocks[map].config.rules[r2].source'],
    ]);
    expect(rulesOf(result.merged, 'map')[1]).toEqual({ id: 'r2', target: 'memo', source: 'custbody_memo', transforms: [], note: 'release note' });
  });

  it('a rule removed on one side and changed on the other conflicts; taking the release puts it back in place', () => {
    const { result } = merge(
      (d) => void Object.assign(rulesOf(d, 'map')[1] ?? {}, { constant: 'x' }),
      (d) => setRules(d, rulesOf(d, 'map').filter((r) => r.id !== 'r2')),
    );
    expect(result.conflicts.map((c) => [c.id, c.kind, c.insertAfter])).toEqual([['/blocks/#map/config/rules/#r2', 'removed_and_changed', ['r1']]]);
    expect(ids(result.merged)).toEqual(['r1', 'r3']);
    expect(ids(resolveConflicts(result, { '/blocks/#map/config/rules/#r2': 'release' }))).toEqual(['r1', 'r2', 'r3']);
  });
});

describe('resolveConflicts', () => {
  const conflicted = () => merge((d) => void (config(d).url = 'https://release'), (d) => void (config(d).url = 'https://customer')).result;

  function codeOf(fn: () => unknown): string {
    try {
      fn();
    } catch (e) {
      if (isPatchbayError(e)) return String(e.code);
      throw e;
    }
    return 'no error';
  }

  it('refuses while a conflict is undecided, naming it', () => {
    const result = conflicted();
    expect(codeOf(() => resolveConflicts(result, {}))).toBe('unresolved_conflicts');
    try {
      resolveConflicts(result, {});
    } catch (e) {
      expect(isPatchbayError(e) && e.details).toEqual({ unresolved: ['/blocks/#fetch/config/url'] });
    }
  });

  it('refuses resolutions for conflicts that do not exist, and edited values that break the document', () => {
    const result = conflicted();
    expect(codeOf(() => resolveConflicts(result, { '/blocks/#fetch/config/url': 'customer', '/nope': 'release' }))).toBe('bad_request');
    const moved = merge((d) => void (blockOf(d, 'map').position = { x: 1, y: 1 }), (d) => void (blockOf(d, 'map').position = { x: 2, y: 2 })).result;
    expect(codeOf(() => resolveConflicts(moved, { '/blocks/#map/position': { value: 'left' } }))).toBe('invalid_workflow');
  });

  it('returns the merged document unchanged when there were no conflicts', () => {
    const { result } = merge((d) => void (d.notes = 'v2'), (d) => void (d.name = 'Acme order sync'));
    expect(resolveConflicts(result, {})).toEqual(result.merged);
    expect(result.merged).toMatchObject({ name: 'Acme order sync', notes: 'v2' });
  });
});

describe('mergeWorkflows: inputs', () => {
  it('never changes its inputs, and its result shares nothing with them', () => {
    const ancestor = orderSyncWorkflow();
    const release = orderSyncWorkflow();
    const customer = orderSyncWorkflow();
    config(release).url = 'https://release';
    customer.blocks = customer.blocks.filter((b) => b.id !== 'stop');
    customer.edges = customer.edges.filter((e) => e.to !== 'stop');
    const snapshot = structuredClone({ ancestor, release, customer });
    const result = mergeWorkflows({ ancestor, release, customer });
    expect({ ancestor, release, customer }).toEqual(snapshot);
    (config(result.merged).headers as Record<string, unknown>).Accept = 'changed';
    expect({ ancestor, release, customer }).toEqual(snapshot);
  });
});
