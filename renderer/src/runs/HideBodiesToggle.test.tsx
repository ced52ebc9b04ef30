// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import type { MethodResult } from '../../../engine/api';
import { ClientProvider } from '../client/context';
import { fakeClient } from '../inspector/forms/testing';
import { HideBodiesToggle } from './HideBodiesToggle';

afterEach(cleanup);

type Conn = MethodResult<'connections.get'>;
const at = '2026-01-01T00:00:00.000Z';
const echo: Conn = { id: 'c9', name: 'Echo API', kind: 'your_app', installationId: null, hideResponseBodies: false, usedBy: [], createdAt: at, updatedAt: at, values: { baseUrl: 'http://127.0.0.1:9', apiKey: '••••' } };

function Harness() {
  const [c, setC] = useState(echo);
  return <HideBodiesToggle connection={c} onChange={setC} testId="hide" />;
}

describe('the run panel’s hide-response-bodies switch', () => {
  it('names the connection and saves the choice on that connection', async () => {
    const client = fakeClient({ 'connections.hideResponseBodies': (a) => ({ ...echo, hideResponseBodies: a.hide }) });
    render(<ClientProvider client={client}><Harness /></ClientProvider>);
    const box = screen.getByTestId('hide') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.parentElement?.textContent).toContain('Hide response bodies of “Echo API”');
    fireEvent.click(box);
    await waitFor(() => expect((screen.getByTestId('hide') as HTMLInputElement).checked).toBe(true));
    expect(client.callsTo('connections.hideResponseBodies')).toEqual([{ id: 'c9', hide: true }]);
  });
});
