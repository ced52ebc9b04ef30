import { acceptToFilters, desktopApi } from './desktop';

// Saving and opening files chosen by the user: native dialogs in the desktop app (through the
// preload, bytes only, never paths), a Blob download and a hidden file input in browser mode.
// Callers never know which they got.

export interface OpenedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Offers `bytes` to the user to save as `name` (the desktop's Save dialog, or a download). */
export async function saveFile(name: string, bytes: Uint8Array, type = 'application/octet-stream'): Promise<void> {
  const desktop = desktopApi();
  if (desktop) {
    const extension = /\.[A-Za-z0-9]{1,16}$/.exec(name)?.[0] ?? '';
    await desktop.saveFile({ suggestedName: name, bytes, filters: extension ? acceptToFilters(extension) : [] });
    return;
  }
  // Copy into a fresh ArrayBuffer: a view over a shared or larger buffer would save the wrong bytes.
  const blob = new Blob([bytes.slice().buffer as ArrayBuffer], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; revoke later so slow browsers still read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Lets the user pick one file (`accept` as for <input type=file>, e.g. ".patchbay,.zip").
 * Resolves to null when the picker is dismissed without a choice.
 */
export function openFile(accept: string): Promise<OpenedFile | null> {
  const desktop = desktopApi();
  if (desktop) return desktop.openFile({ filters: acceptToFilters(accept) });
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.setAttribute('data-testid', 'file-input');
    const done = (value: OpenedFile | null) => {
      input.remove();
      resolve(value);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return done(null);
      void file.arrayBuffer().then((buffer) => done({ name: file.name, bytes: new Uint8Array(buffer) }), () => done(null));
    });
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}
