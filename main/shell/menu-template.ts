import type { MenuItemConstructorOptions } from 'electron';

/**
 * Edit commands (so copy and paste work, and their shortcuts on macOS), window commands, and nothing that
 * reloads the page or opens DevTools unless this is a development run. No help links to the web.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, allowDevTools: boolean): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({ role: 'fileMenu' }, { role: 'editMenu' });
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (allowDevTools) view.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
  template.push({ label: 'Beeld', submenu: view }, { role: 'windowMenu' });
  return template;
}
