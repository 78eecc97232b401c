// Electron main process: hosts the embedded cluster and serves the contract over IPC to one
// sandboxed window. Kept thin: everything else lives in src/engine.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron'
import { join } from 'node:path'
import { methodNames, type Envelope } from '../shared/contract'
import { ApiError } from '../shared/errors'
import { startEmbeddedCluster, type EmbeddedCluster } from '../engine/embedded-cluster'
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy'

let cluster: EmbeddedCluster | null = null

function registerIpc(c: EmbeddedCluster): void {
  for (const method of methodNames) {
    ipcMain.handle(`api:${method}`, async (event, params: unknown): Promise<Envelope<unknown>> => {
      // Only our own window's top frame may call the API.
      if (event.senderFrame?.url && !event.senderFrame.url.startsWith(rendererOrigin()))
        return { ok: false, error: new ApiError('FORBIDDEN', 'Unknown sender').toJSON() }
      try {
        return { ok: true, result: await c.service.call(method, params) }
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError('INTERNAL', String(err))
        return { ok: false, error: e.toJSON() }
      }
    })
  }
}

function rendererOrigin(): string {
  return process.env.ELECTRON_RENDERER_URL ?? 'file://'
}

function createWindow(c: EmbeddedCluster): void {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Logdeck',
    // resources/ sits beside out/ in the checkout and in the packaged app.
    icon: join(__dirname, '..', '..', 'resources', 'icon.png'),
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true
    }
  })
  win.once('ready-to-show', () => win.show())
  // No navigation away from the app and no new windows; external links open in the browser.
  win.webContents.on('will-navigate', (e) => e.preventDefault())
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  const unsubscribe = c.service.subscribe((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(`event:${name}`, payload)
  })
  win.on('closed', unsubscribe)
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadFile(join(__dirname, '../renderer/index.html'))
}

app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY]
      }
    })
  })
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false)
  )
  try {
    cluster = await startEmbeddedCluster({ dataDir: app.getPath('userData') })
  } catch (err) {
    console.error(`Logdeck could not start its cluster: ${String(err)}`)
    app.exit(1)
    return
  }
  registerIpc(cluster)
  createWindow(cluster)
  app.on('activate', () => {
    if (cluster && BrowserWindow.getAllWindows().length === 0) createWindow(cluster)
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

let quitting = false
app.on('before-quit', (e) => {
  if (quitting || !cluster) return
  e.preventDefault()
  quitting = true
  void cluster.close().finally(() => app.quit())
})
