// Writes the app icon in every size and format the window, the packages and the web console
// use, from resources/icon.svg. Usage: npm run icons   (the output is committed)
//   resources/icons/NxN.png   16 to 1024 px (Linux packages, the window)
//   resources/icon.png        1024 px
//   resources/icon.icns       macOS
//   resources/icon.ico        Windows (16 to 256 px)
//   src/renderer/public/favicon.svg, favicon.ico   the web console's favicon
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import * as png2icons from 'png2icons'

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

const root = join(__dirname, '..')
const resources = join(root, 'resources')
const publicDir = join(root, 'src', 'renderer', 'public')

function render(svg: Buffer, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng())
}

function main(): void {
  const svg = readFileSync(join(resources, 'icon.svg'))
  mkdirSync(join(resources, 'icons'), { recursive: true })
  const pngs = new Map<number, Buffer>()
  for (const size of ICON_SIZES) {
    const png = render(svg, size)
    pngs.set(size, png)
    writeFileSync(join(resources, 'icons', `${size}x${size}.png`), png)
  }
  const large = pngs.get(1024)!
  writeFileSync(join(resources, 'icon.png'), large)
  const icns = png2icons.createICNS(large, png2icons.BICUBIC2, 0)
  // BMP entries below 256 px and a PNG one at 256 px, as Windows executables expect.
  const ico = png2icons.createICO(large, png2icons.BICUBIC2, 0, false, true)
  // PNG entries throughout: a small file for browsers.
  const favicon = png2icons.createICO(pngs.get(256)!, png2icons.BICUBIC2, 0, true)
  if (!icns || !ico || !favicon) throw new Error('png2icons could not convert resources/icon.svg')
  writeFileSync(join(resources, 'icon.icns'), icns)
  writeFileSync(join(resources, 'icon.ico'), ico)
  mkdirSync(publicDir, { recursive: true })
  writeFileSync(join(publicDir, 'favicon.ico'), favicon)
  copyFileSync(join(resources, 'icon.svg'), join(publicDir, 'favicon.svg'))
}

if (process.argv[1] && /generate-icons\.ts$/.test(process.argv[1])) main()
