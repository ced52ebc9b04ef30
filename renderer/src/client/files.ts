// Saving and opening files chosen by the user. In browser mode: a Blob download and a hidden file
// input. The desktop app will route the same two functions to native dialogs (through the
// preload), so callers never know which they got.

export interface OpenedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Offers `bytes` to the user as a download named `name`. */
export function saveFile(name: string, bytes: Uint8Array, type = 'application/octet-stream'): Promise<void> {
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
  return Promise.resolve();
}

/**
 * Lets the user pick one file (`accept` as for <input type=file>, e.g. ".patchbay,.zip").
 * Resolves to null when the picker is dismissed without a choice.
 */
export function openFile(accept: string): Promise<OpenedFile | null> {
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
