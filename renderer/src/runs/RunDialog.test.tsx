// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { RunDialog } from './RunDialog';

afterEach(cleanup);

describe('run dialog input', () => {
  it('refuses input nested deeper than the engine takes with a message, and runs once it is flattened', () => {
    const onRun = vi.fn();
    render(<RunDialog initial="{}" onRun={onRun} onClose={() => undefined} />);
    const box = screen.getByTestId('run-input');
    fireEvent.change(box, { target: { value: `{"orders": ${'['.repeat(5000)}${']'.repeat(5000)}}` } });
    fireEvent.click(screen.getByTestId('run-confirm'));
    expect(screen.getByTestId('run-input-error').textContent).toBe(
      'The input is nested more than 256 levels deep, which is more than Patchbay accepts; flatten the data (for example, move inner lists up a level).',
    );
    expect(onRun).not.toHaveBeenCalled();

    fireEvent.change(box, { target: { value: '{"orders": [["PO1"]]}' } });
    expect(screen.queryByTestId('run-input-error')).toBeNull();
    fireEvent.click(screen.getByTestId('run-confirm'));
    expect(onRun).toHaveBeenCalledWith({ orders: [['PO1']] }, '{"orders": [["PO1"]]}');
  });
});
