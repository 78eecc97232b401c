#!/usr/bin/env node
// The `logdeck` command: runs the built CLI (npm run build produces out/main/cli.js).
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('logdeck: not built yet; run `npm run build` first')
  process.exit(1)
}
require(cli)
