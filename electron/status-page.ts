import type { ErrorPayload } from '../engine/errors/patchbay-error';
import type { StatusAction } from './ipc-channels';

// What the window shows while the engine is not serving the app: starting, restarting, or why it
// could not start and what to do. A data: page with no script of its own; the preload wires its
// buttons (data-action) to main.

export interface StatusView {
  readonly title: string;
  readonly message: string;
  readonly todo?: string;
  readonly detail?: string;
  readonly actions: readonly StatusAction[];
}

const TITLES: Readonly<Record<string, string>> = {
  port_in_use: 'The port Patchbay needs is taken',
  data_dir_unwritable: 'Patchbay cannot write to its data folder',
  database_too_new: 'This data was saved by a newer Patchbay',
  already_running: 'Patchbay is already running',
  invalid_key: 'Patchbay could not unlock its secrets',
  secret_unreadable: 'Patchbay could not unlock its secrets',
};

const WHAT_TO_DO: Readonly<Record<string, string>> = {
  port_in_use: 'Close the program using that port, or start Patchbay with PATCHBAY_PORT set to a free port, then choose Try again.',
  data_dir_unwritable: 'Make the folder writable by your user (or set PATCHBAY_DATA_DIR to another folder), then choose Try again. Nothing was changed.',
  database_too_new: 'Install the latest Patchbay. Your data is untouched; this version will not modify it.',
  already_running: 'Close the other Patchbay (a window, or a `patchbay serve` in a terminal), then choose Try again.',
};

const LABELS: Readonly<Record<StatusAction, string>> = { retry: 'Try again', 'open-data-folder': 'Open data folder', quit: 'Quit' };

export const startingView: StatusView = { title: 'Starting Patchbay…', message: 'The engine is opening your data.', actions: [] };

export function restartingView(why: string): StatusView {
  return { title: 'Restarting the engine…', message: why, todo: 'Your saved work is safe; the window reloads when the engine is back.', actions: [] };
}

export function failureView(error: ErrorPayload): StatusView {
  const log = (error.details as { log?: unknown } | undefined)?.log;
  return {
    title: TITLES[error.code] ?? 'Patchbay could not start its engine',
    message: error.message,
    todo: WHAT_TO_DO[error.code] ?? 'Choose Try again. If it keeps failing, the detail below says what the engine reported. Your saved work is safe.',
    detail: typeof log === 'string' && log.trim() ? log : `code: ${error.code}`,
    actions: ['retry', 'open-data-folder', 'quit'],
  };
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function statusPageHtml(view: StatusView): string {
  const buttons = view.actions.map((a) => `<button type="button" data-action="${a}">${LABELS[a]}</button>`).join(' ');
  return `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Patchbay</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1d2330}
main{max-width:640px;padding:32px;background:#fff;border:1px solid #dde1e7;border-radius:8px}
h1{font-size:20px;margin:0 0 12px}pre{white-space:pre-wrap;background:#f1f3f5;padding:8px;border-radius:4px;font-size:12px;max-height:200px;overflow:auto}
button{font:inherit;padding:6px 14px;margin-right:8px}
</style></head><body><main role="alert">
<h1>${esc(view.title)}</h1><p data-testid="status-message">${esc(view.message)}</p>
${view.todo ? `<p data-testid="status-todo"><strong>What to do:</strong> ${esc(view.todo)}</p>` : ''}
${view.detail ? `<pre>${esc(view.detail)}</pre>` : ''}
<p>${buttons}</p></main></body></html>`;
}

export function statusPageUrl(view: StatusView): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(statusPageHtml(view))}`;
}
