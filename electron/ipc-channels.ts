// Channel names shared by main and the preload. Kept apart from both so that importing a name
// never loads the other side's code (main once imported the preload and ran contextBridge at load).
export const IPC = {
  openFile: 'patchbay:open-file',
  saveFile: 'patchbay:save-file',
  statusAction: 'patchbay:status-action',
} as const;

export const STATUS_ACTIONS = ['retry', 'open-data-folder', 'quit'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];
