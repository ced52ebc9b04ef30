import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { PatchbayError } from '../engine/errors/patchbay-error';
import { IPC } from './ipc-channels';

// Native open/save dialogs for the app page: the only OS features the renderer reaches. Bytes
// cross, paths never do: the page learns a file's name, not where it lives.

const MAX_OPEN_BYTES = 50 * 1024 * 1024;

const Filters = z.array(z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[A-Za-z0-9*]{1,16}$/)).max(20) })).max(10).optional();
const OpenArgs = z.object({ title: z.string().max(200).optional(), filters: Filters }).strict();
const SaveArgs = z.object({ title: z.string().max(200).optional(), suggestedName: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array), filters: Filters }).strict();

export type OpenFileResult = { readonly name: string; readonly bytes: Uint8Array } | null;
export type SaveFileResult = { readonly saved: true; readonly name: string } | { readonly saved: false };

export interface DialogDeps {
  readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window whose app page may ask, and the origin that page must have. */
  readonly appWindow: () => { window: BrowserWindow; origin: string } | null;
}

function senderWindow(deps: DialogDeps, event: Pick<IpcMainInvokeEvent, 'senderFrame'>): BrowserWindow {
  const app = deps.appWindow();
  const url = event.senderFrame?.url ?? '';
  let origin = 'null';
  try {
    origin = new URL(url).origin;
  } catch {
    // an unparsable sender is refused below
  }
  if (!app || origin !== app.origin) throw new PatchbayError('forbidden', 'File dialogs are only available to the Patchbay window.');
  return app.window;
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new PatchbayError('bad_request', `Invalid dialog options: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export async function openFile(deps: DialogDeps, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, raw: unknown): Promise<OpenFileResult> {
  const win = senderWindow(deps, event);
  const args = parse(OpenArgs, raw);
  const r = await deps.dialog.showOpenDialog(win, { title: args.title, filters: args.filters, properties: ['openFile'] });
  const path = r.canceled ? undefined : r.filePaths[0];
  if (!path) return null;
  if ((await stat(path)).size > MAX_OPEN_BYTES) throw new PatchbayError('payload_too_large', `${basename(path)} is larger than ${MAX_OPEN_BYTES / 1024 / 1024} MB.`);
  return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
}

export async function saveFile(deps: DialogDeps, event: Pick<IpcMainInvokeEvent, 'senderFrame'>, raw: unknown): Promise<SaveFileResult> {
  const win = senderWindow(deps, event);
  const args = parse(SaveArgs, raw);
  const r = await deps.dialog.showSaveDialog(win, { title: args.title, defaultPath: basename(args.suggestedName), filters: args.filters });
  if (r.canceled || !r.filePath) return { saved: false };
  await writeFile(r.filePath, args.bytes);
  return { saved: true, name: basename(r.filePath) };
}

export function registerDialogs(ipcMain: Pick<IpcMain, 'handle'>, deps: DialogDeps): void {
  ipcMain.handle(IPC.openFile, (event, args: unknown) => openFile(deps, event, args));
  ipcMain.handle(IPC.saveFile, (event, args: unknown) => saveFile(deps, event, args));
}
