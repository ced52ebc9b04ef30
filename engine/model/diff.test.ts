import { describe, expect, it } from 'vitest';
import { diffWorkflows } from './diff';
import { workflowDiffSchema } from './diff-schema';
import { blockOf, orderSyncWorkflow, rulesOf } from '../testing/version-fixtures';

describe('diffWorkflows', () => {
  it('reports identical documents as identical, with nothing to highlight', () => {
    const d = diffWorkflows(orderSyncWorkflow(), orderSyncWorkflow());
    expect(d.summary.identical).toBe(true);
    expect(d.changedBlockIds).toEqual([]);
    expect(d.blocks).toEqual({ added: [], removed: [], changed: [] });
    expect(workflowDiffSchema.parse(d)).toEqual(d);
  });

  it('ignores the order of blocks and edges in the document (it is not visible on the canvas)', () => {
    const b = orderSyncWorkflow();
    b.blocks.reverse();
    b.edges.reverse();
    expect(diffWorkflows(orderSyncWorkflow(), b).summary.identical).toBe(true);
  });

  it('lists added and removed blocks and edges by id', () => {
    const b = orderSyncWorkflow();
    b.blocks = b.blocks.filter((x) => x.id !== 'stop');
    b.edges = b.edges.filter((e) => e.id !== 'e3');
    b.blocks.push({ id: 'log', kind: 'log', name: 'Log', config: { message: 'done' }, position: { x: 600, y: 100 } });
    b.edges.push({ id: 'e4', from: 'map', port: 'out', to: 'log' });
    const d = diffWorkflows(orderSyncWorkflow(), b);
    expect(d.blocks.added.map((x) => x.id)).toEqual(['log']);
    expect(d.blocks.removed.map((x) => x.id)).toEqual(['stop']);
    expect(d.blocks.changed).toEqual([]);
    expect(d.edges.added.map((e) => e.id)).toEqual(['e4']);
    expect(d.edges.removed.map((e) => e.id)).toEqual(['e3']);
    expect(d.highlights).toEqual([
      { blockId: 'log', status: 'added' },
      { blockId: 'stop', status: 'removed' },
    ]);
    expect(d.summary).toMatchObject({ blocksAdded: 1, blocksRemoved: 1, edgesAdded: 1, edgesRemoved: 1, identical: false });
  });

  it('reports a rename and a move as one changed block, a move alone highlighted as moved', () => {
    const b = orderSyncWorkflow();
    blockOf(b, 'fetch').name = 'Fetch new orders';
    blockOf(b, 'stop').position = { x: 650, y: 40 };
    const d = diffWorkflows(orderSyncWorkflow(), b);
    expect(d.blocks.changed.map((c) => [c.id, c.renamed, c.moved])).toEqual([
      ['fetch', { old: 'Fetch orders', new: 'Fetch new orders' }, null],
      ['stop', null, { old: { x: 600, y: 0 }, new: { x: 650, y: 40 } }],
    ]);
    expect(d.highlights).toEqual([
      { blockId: 'fetch', status: 'changed' },
      { blockId: 'stop', status: 'moved' },
    ]);
    expect(d.summary).toMatchObject({ blocksChanged: 2, blocksMoved: 1, blocksRenamed: 1, configFieldsChanged: 0 });
  });

  it('walks nested config by key and compares plain arrays whole, old -> new', () => {
    const b = orderSyncWorkflow();
    const fetch = blockOf(b, 'fetch');
    fetch.config.url = 'https://shop.test/v2/orders';
    fetch.config.headers = { Accept: 'application/json', 'X-Tenant': 'acme' };
    delete fetch.config.query;
    fetch.config.body = { tags: ['a', 'b'] };
    const d = diffWorkflows(orderSyncWorkflow(), b);
    const [change] = d.blocks.changed;
    expect(change?.id).toBe('fetch');
    expect(change?.config).toEqual([
      { pointer: '/blocks/#fetch/config/url', path: ['blocks', { id: 'fetch' }, 'config', 'url'], field: 'config.url', op: 'changed', old: 'https://shop.test/orders', new: 'https://shop.test/v2/orders' },
      { pointer: '/blocks/#fetch/config/headers/X-Tenant', path: ['blocks', { id: 'fetch' }, 'config', 'headers', 'X-Tenant'], field: 'config.headers["X-Tenant"]', op: 'added', new: 'acme' },
      { pointer: '/blocks/#fetch/config/query', path: ['blocks', { id: 'fetch' }, 'config', 'query'], field: 'config.query', op: 'removed', old: { limit: 50 } },
      { pointer: '/blocks/#fetch/config/body', path: ['blocks', { id: 'fetch' }, 'config', 'body'], field: 'config.body', op: 'added', new: { tags: ['a', 'b'] } },
    ]);
    const c = orderSyncWorkflow();
    blockOf(c, 'fetch').config.body = { tags: ['a', 'c'] };
    expect(diffWorkflows(b, c).blocks.changed[0]?.config.find((x) => x.field === 'config.body.tags')).toMatchObject({
      op: 'changed',
      old: ['a', 'b'],
      new: ['a', 'c'],
    });
  });

  it('diffs mapping rules by rule id: added, removed, changed field by field, reordered', () => {
    const b = orderSyncWorkflow();
    const rules = rulesOf(b, 'map');
    const [r1, r2, r3] = rules;
    if (!r1 || !r2 || !r3) throw new Error('fixture');
    r2.source = 'memo';
    r2.transforms = [{ name: 'trim' }, { name: 'upper' }];
    blockOf(b, 'map').config.rules = [r3, { id: 'r4', target: 'custbody_region', constant: 'EU' }, r2];
    const d = diffWorkflows(orderSyncWorkflow(), b);
    const change = d.blocks.changed.find((c) => c.id === 'map');
    expect(change?.config).toEqual([]);
    expect(change?.rules?.added).toEqual([{ id: 'r4', target: 'custbody_region', rule: { id: 'r4', target: 'custbody_region', constant: 'EU' } }]);
    expect(change?.rules?.removed.map((r) => [r.id, r.target])).toEqual([['r1', 'externalId']]);
    expect(change?.rules?.changed).toEqual([
      {
        id: 'r2',
        target: 'memo',
        fields: [
          { pointer: '/blocks/#map/config/rules/#r2/source', path: ['blocks', { id: 'map' }, 'config', 'rules', { id: 'r2' }, 'source'], field: 'source', op: 'changed', old: 'note', new: 'memo' },
          {
            pointer: '/blocks/#map/config/rules/#r2/transforms',
            path: ['blocks', { id: 'map' }, 'config', 'rules', { id: 'r2' }, 'transforms'],
            field: 'transforms',
            op: 'changed',
            old: [{ name: 'trim' }],
            new: [{ name: 'trim' }, { name: 'upper' }],
          },
        ],
      },
    ]);
    expect(change?.rules?.reordered).toEqual({ old: ['r1', 'r2', 'r3'], new: ['r3', 'r4', 'r2'] });
    expect(d.summary).toMatchObject({ rulesAdded: 1, rulesRemoved: 1, rulesChanged: 1, rulesReordered: 1, configFieldsChanged: 0 });
    expect(d.highlights).toEqual([{ blockId: 'map', status: 'changed' }]);
  });

  it('does not call a rule reordered when only insertions and removals shifted it', () => {
    const b = orderSyncWorkflow();
    const rules = rulesOf(b, 'map');
    blockOf(b, 'map').config.rules = [{ id: 'r0', target: 'subsidiary', constant: 1 }, ...rules.filter((r) => r.id !== 'r2')];
    const rd = diffWorkflows(orderSyncWorkflow(), b).blocks.changed[0]?.rules;
    expect(rd?.reordered).toBeNull();
    expect(rd?.added.map((r) => r.id)).toEqual(['r0']);
  });

  it('walks other id-keyed arrays inside a config by id, and reports renamed workflows and notes', () => {
    const a = orderSyncWorkflow();
    blockOf(a, 'fetch').config.steps = [
      { id: 's1', path: '/a' },
      { id: 's2', path: '/b' },
    ];
    const b = structuredClone(a);
    blockOf(b, 'fetch').config.steps = [
      { id: 's2', path: '/b2' },
      { id: 's1', path: '/a' },
    ];
    b.name = 'Order sync (Acme)';
    b.notes = 'customised for Acme';
    const d = diffWorkflows(a, b);
    expect(d.blocks.changed[0]?.config.map((c) => [c.field, c.op])).toEqual([
      ['config.steps', 'reordered'],
      ['config.steps[s2].path', 'changed'],
    ]);
    expect(d.name).toEqual({ old: 'Order sync', new: 'Order sync (Acme)' });
    expect(d.notes).toEqual({ old: '', new: 'customised for Acme' });
    expect(d.summary).toMatchObject({ nameChanged: true, notesChanged: true });
  });

  it('reports edge rewiring field by field', () => {
    const b = orderSyncWorkflow();
    const e3 = b.edges.find((e) => e.id === 'e3');
    if (!e3) throw new Error('fixture');
    e3.to = 'fetch';
    e3.port = 'error';
    const d = diffWorkflows(orderSyncWorkflow(), b);
    expect(d.edges.changed.map((c) => [c.id, c.fields.map((f) => [f.field, f.old, f.new])])).toEqual([
      ['e3', [['port', 'out', 'error'], ['to', 'stop', 'fetch']]],
    ]);
    expect(d.changedBlockIds).toEqual([]);
  });
});
