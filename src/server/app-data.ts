// The OS's per-user application data folder, the same one Electron's app.getPath('userData')
// gives the desktop app, so that headless mode and the app share their data.
import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'logdeck'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = homedir()
  let base: string
  if (process.platform === 'win32') base = env.APPDATA ?? join(home, 'AppData', 'Roaming')
  else if (process.platform === 'darwin') base = join(home, 'Library', 'Application Support')
  else base = env.XDG_CONFIG_HOME ?? join(home, '.config')
  return join(base, APP_NAME)
}
