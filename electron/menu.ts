import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  restartEngine(): void;
  openDataFolder(): void;
}

/** The application menu: standard roles plus what only the desktop shell can do. */
export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Restart Engine', click: () => actions.restartEngine() },
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }];
}
