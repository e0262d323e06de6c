import { Menu } from 'electron';
import { applicationMenuTemplate } from './menu-template';

export function installApplicationMenu(allowDevTools: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, allowDevTools)));
}
