// `npm start`: the desktop app. Where the Electron binary is missing (its download blocked,
// install run with ELECTRON_SKIP_BINARY_DOWNLOAD=1) it says so and starts headless mode.
const { spawn, spawnSync } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const root = join(__dirname, '..')

// Looks for the binary without require('electron'), which would try to download it.
function electronBinary() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(pkgDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(exe) ? exe : null
}

if (!existsSync(join(root, 'out', 'main', 'index.js')) || process.env.LOGDECK_REBUILD) {
  const build = spawnSync(
    process.execPath,
    [require.resolve('electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit'
    }
  )
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const electron = electronBinary()
let child
if (electron) {
  child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
} else {
  console.log(
    'Electron binary not installed (download skipped or blocked); starting headless mode with the web UI instead.'
  )
  child = spawn(
    process.execPath,
    [join(root, 'bin', 'logdeck.cjs'), 'serve', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit'
    }
  )
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
