// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { RegressionReport } from '../../../../engine/api/methods/golden';
import { RegressionView } from './RegressionView';

afterEach(cleanup);

const report: RegressionReport = {
  installationId: 'i1', customerName: 'Acme Corp', version: 'release:2', status: 'changed', conflicts: 0,
  sets: [
    {
      goldenSetId: 'g1', name: 'Overnight orders', workflowId: 'w1', workflowName: 'Fetch Historical Orders', status: 'changed', reason: null,
      records: [
        { key: 'PO1042', status: 'changed', reason: null, changes: [{ step: 'map_orders', blockName: 'Map to Your App', path: 'records[0].custom_field_2', kind: 'changed', before: 'Overnight', after: null, text: 'map_orders › records[0].custom_field_2: "Overnight" → null' }] },
        { key: 'PO1043', status: 'unchanged', reason: null, changes: [] },
      ],
    },
    { goldenSetId: 'g2', name: 'Shipments', workflowId: 'w2', workflowName: 'Write Back Tracking Number', status: 'cannot_compare', reason: '"New shipments" (shipments), which read these records, is not in this version', records: [] },
  ],
};

describe('RegressionView', () => {
  it('lists each record with its field changes, and says why records cannot be compared', () => {
    render(<RegressionView report={report} />);
    expect(screen.getByTestId('regression-status').textContent).toBe('Changed output');
    expect(screen.getByTestId('regression-record-PO1042').textContent).toContain('PO1042: Changed output');
    expect(screen.getAllByTestId('regression-change').map((e) => e.textContent)).toEqual(['map_orders › records[0].custom_field_2: "Overnight" → null']);
    expect(screen.getByTestId('regression-record-PO1043').textContent).toContain('Unchanged output');
    expect(screen.getByTestId('regression-reason').textContent).toMatch(/^Cannot compare: "New shipments".*not in this version/);
  });
});
