// `npm start`: builds what is missing or out of date, then starts the desktop app. Where the
// Electron binary is missing (its download blocked, install run with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1) it says so and starts headless mode; arguments after
// `npm start --` go to `logdeck serve`.
const { spawn, spawnSync } = require('node:child_process')
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs')
const { dirname, join } = require('node:path')

const root = join(__dirname, '..')

// What the build reads and what it writes; any input newer than the oldest output rebuilds.
const INPUTS = ['src', 'electron.vite.config.ts', 'package.json', 'tsconfig.node.json']
const OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/preload/index.js',
  'out/renderer/index.html'
]

function newestMtime(path) {
  let st
  try {
    st = statSync(path)
  } catch {
    return 0
  }
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)))
  return newest
}

function buildReason() {
  if (process.env.LOGDECK_REBUILD) return 'LOGDECK_REBUILD is set'
  let oldestOutput = Infinity
  for (const rel of OUTPUTS) {
    const file = join(root, rel)
    if (!existsSync(file)) return `${rel} is missing`
    oldestOutput = Math.min(oldestOutput, statSync(file).mtimeMs)
  }
  const newestInput = Math.max(...INPUTS.map((rel) => newestMtime(join(root, rel))))
  return newestInput > oldestOutput ? 'sources changed since the last build' : null
}

// The electron-vite command from its package.json `bin` (its `exports` hide the bin path).
function electronViteBin() {
  const pkgFile = require.resolve('electron-vite/package.json', { paths: [root] })
  const { bin } = JSON.parse(readFileSync(pkgFile, 'utf8'))
  return join(dirname(pkgFile), typeof bin === 'string' ? bin : bin['electron-vite'])
}

// Looks for the binary without require('electron'), which would try to download it.
function electronBinary() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json', { paths: [root] }))
  } catch {
    return null
  }
  const pathFile = join(pkgDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? exe : null
}

const reason = buildReason()
if (reason) {
  console.log(`Building the app (${reason})...`)
  const build = spawnSync(process.execPath, [electronViteBin(), 'build'], {
    cwd: root,
    stdio: 'inherit'
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const args = process.argv.slice(2)
const electron = electronBinary()
let child
if (electron) {
  child = spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' })
} else {
  console.log(
    'Electron binary not installed (download skipped or blocked); starting headless mode with the web UI instead.'
  )
  child = spawn(process.execPath, [join(root, 'bin', 'logdeck.cjs'), 'serve', ...args], {
    cwd: root,
    stdio: 'inherit'
  })
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
