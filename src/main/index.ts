// Electron main process: hosts the embedded cluster and serves the contract over IPC to one
// sandboxed window. Kept thin: everything else lives in src/engine.
import {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  shell,
  type IpcMainInvokeEvent,
  type WebContents
} from 'electron'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { methodNames, type Envelope } from '../shared/contract'
import { startEmbeddedCluster, type EmbeddedCluster } from '../engine/embedded-cluster'
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy'
import { contentTypeOf } from '../shared/content-types'
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, resolveAppFile } from './app-protocol'
import { isAllowedExternalUrl } from './external-links'
import { isTrustedSender, originOf } from './trusted-sender'
import { safeStorageCipher } from './secret-cipher'
import {
  registryAddressLines,
  serveSchemaRegistry,
  type RunningRegistryServer
} from '../engine/registry/server/registry-server'
import { schemaRegistryArgs } from '../engine/registry/server/registry-settings'
import { CallsInFlight, closeFrontDoorsThen } from '../engine/shutdown/front-doors'

// Registered before the app is ready: app:// is a standard, secure origin of its own.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
])

const RENDERER_DIR = join(__dirname, '../renderer')

let cluster: EmbeddedCluster | null = null
let registryServer: RunningRegistryServer | null = null

/** Our windows' web contents: IPC from any other is refused. */
const appContents = new Set<WebContents>()

/** The API calls running; quitting lets them finish (as `logdeck serve` its HTTP API's). */
const ipcCalls = new CallsInFlight<Promise<Envelope<unknown>>>()
const ipcDoor = { close: async () => void (await ipcCalls.drain()) }
const quittingRefusal: Envelope<never> = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: 'Logdeck is quitting and takes no new calls' }
}

function registerIpc(c: EmbeddedCluster): void {
  for (const method of methodNames) {
    ipcMain.handle(`api:${method}`, async (event, params: unknown): Promise<Envelope<unknown>> => {
      // Only our own window's top frame, showing the app's exact origin, may call the API.
      if (!senderIsTrusted(event)) return c.service.refusal('Unknown sender')
      if (ipcCalls.isClosing) return quittingRefusal
      const answer = c.service.answer(method, params)
      ipcCalls.admit(
        answer,
        answer.then(() => undefined)
      )
      return answer
    })
  }
}

function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
  if (!appContents.has(event.sender) || event.sender.isDestroyed()) return false
  const frame = event.senderFrame
  const main = event.sender.mainFrame
  return isTrustedSender(
    frame && {
      url: frame.url,
      isMainFrame:
        frame.parent === null &&
        frame.processId === main.processId &&
        frame.routingId === main.routingId
    },
    rendererOrigin()
  )
}

/** The origin the renderer is served from: the dev server's in development, app:// otherwise. */
function rendererOrigin(): string | null {
  const dev = process.env.ELECTRON_RENDERER_URL
  return dev ? originOf(dev) : APP_ORIGIN
}

/** Serves the built renderer on app://logdeck/, with the Content-Security-Policy. */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(RENDERER_DIR, request.url)
    const isFile = file !== null && (await stat(file).catch(() => null))?.isFile() === true
    if (file === null || !isFile) return new Response('not found', { status: 404 })
    return new Response(await readFile(file), {
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff'
      }
    })
  })
}

function openExternal(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url)
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
  const contents = win.webContents
  appContents.add(contents)
  contents.once('destroyed', () => appContents.delete(contents))
  // No navigation away from the app and no new windows; allow-listed links open in the browser.
  contents.on('will-navigate', (e) => {
    e.preventDefault()
    openExternal(e.url)
  })
  contents.on('will-attach-webview', (e) => e.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url)
    return { action: 'deny' }
  })
  const unsubscribe = c.service.subscribe((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(`event:${name}`, payload)
  })
  win.on('closed', unsubscribe)
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void win.loadURL(APP_ENTRY_URL)
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
    cluster = await startEmbeddedCluster({
      dataDir: app.getPath('userData'),
      secretCipher: safeStorageCipher()
    })
  } catch (err) {
    console.error(`Logdeck could not start its cluster: ${String(err)}`)
    app.exit(1)
    return
  }
  // Confluent's clients reach the schema registry on 8081 as with `logdeck serve`; when it cannot
  // start (a busy port, a bad flag) the console still runs, and says why on stderr.
  try {
    registryServer = await serveSchemaRegistry(
      cluster.registry,
      schemaRegistryArgs(process.argv),
      '127.0.0.1',
      console.error
    )
    for (const line of registryServer
      ? registryAddressLines(registryServer)
      : ['Schema registry: off'])
      console.log(line)
  } catch (err) {
    console.error(`Logdeck could not start its schema registry: ${String(err)}`)
  }
  registerAppProtocol()
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
  const c = cluster
  // The API calls running finish, the schema registry's too, then the cluster closes.
  void closeFrontDoorsThen([ipcDoor, registryServer], c).finally(() => app.quit())
})
