import { describe, expect, it } from 'vitest';
import type { WorkflowDoc } from '../../../../engine/api';
import { namesFrom, pathInWords, valueInWords } from './words';

const workflow: WorkflowDoc = {
  schemaVersion: 1, name: 'Fetch', notes: '',
  blocks: [
    { id: 'send', kind: 'http_request', name: 'Send to Your App', position: { x: 0, y: 0 }, config: { url: '/orders' } },
    { id: 'map_orders', kind: 'map_fields', name: 'Map to Your App', position: { x: 0, y: 0 }, config: { rules: [{ id: 'r1', target: 'vendor.email' }] } },
  ],
  edges: [{ id: 'e1', from: 'send', to: 'map_orders', port: 'out' }],
};

const doc = namesFrom(workflow);

describe('conflicts in words', () => {
  it('names the block and the setting, not a JSON path', () => {
    expect(pathInWords(['blocks', { id: 'send' }, 'config', 'body', 'customer'], doc)).toEqual({ where: 'Send to Your App', field: 'body › customer' });
    expect(pathInWords(['blocks', { id: 'send' }, 'config', 'timeoutMs'], doc)).toEqual({ where: 'Send to Your App', field: 'timeout (ms)' });
    expect(pathInWords(['blocks', { id: 'map_orders' }, 'config', 'rules', { id: 'r1' }, 'source'], doc)).toEqual({ where: 'Map to Your App', field: 'the rule for vendor.email › source' });
    expect(pathInWords(['blocks', { id: 'gone_block' }], doc)).toEqual({ where: 'gone block', field: '' });
    expect(pathInWords(['edges', { id: 'e1' }], doc).where).toBe('the connection from Send to Your App to Map to Your App');
    // A shared mapping's rebase: its rules by target.
    const mapping = namesFrom({ name: 'NetSuite purchase order → Your App order', rules: [{ id: 'r9', target: 'custom_field_1' }] });
    expect(pathInWords(['rules', { id: 'r9' }, 'source'], mapping)).toEqual({ where: 'the mapping', field: 'the rule for custom_field_1 › source' });
  });

  it('shows a value, and a whole block by its name rather than as JSON', () => {
    expect(valueInWords('https://acme.example/orders')).toBe('https://acme.example/orders');
    expect(valueInWords(25)).toBe('25');
    expect(valueInWords(workflow.blocks[0])).toBe('the block "Send to Your App"');
  });
});
