// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { DesktopApi } from './desktop';
import { openFile, saveFile } from './files';

afterEach(() => {
  delete window.patchbayDesktop;
});

describe('files in the desktop app', () => {
  it('saves and opens through the native dialogs, with the extension as a filter', async () => {
    const saved: unknown[] = [];
    const desktop: DesktopApi = {
      openFile: (options) => Promise.resolve(options?.filters?.[0]?.extensions.includes('patchbay') ? { name: 'orders.patchbay', bytes: new Uint8Array([1, 2]) } : null),
      saveFile: (options) => {
        saved.push(options);
        return Promise.resolve({ saved: true, name: options.suggestedName });
      },
    };
    window.patchbayDesktop = desktop;
    await saveFile('orders.patchbay', new Uint8Array([7]));
    expect(saved).toEqual([{ suggestedName: 'orders.patchbay', bytes: new Uint8Array([7]), filters: [{ name: '.patchbay', extensions: ['patchbay'] }] }]);
    expect(await openFile('.patchbay,.zip')).toEqual({ name: 'orders.patchbay', bytes: new Uint8Array([1, 2]) });
  });
});
