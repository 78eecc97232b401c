// The README's test files, run as a user would: in a folder whose node_modules/logdeck is this
// package (built: lib/ and out/), by vitest in a child process.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const repo = resolve(__dirname, '..', '..')

/** A project folder under `work` that depends on this package as `logdeck`. */
export function packageProject(work: string, name: string): string {
  const dir = join(work, name)
  mkdirSync(join(dir, 'node_modules'), { recursive: true })
  symlinkSync(repo, join(dir, 'node_modules', 'logdeck'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, type: 'module', private: true }))
  return dir
}

/** The ```ts blocks of a README section (`## heading...`), each opening with its file name. */
export function readmeTestFiles(heading: string): Map<string, string> {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8')
  const section = readme.split(new RegExp(`^## ${heading}`, 'm'))[1]?.split(/^## /m)[0] ?? ''
  const files = new Map<string, string>()
  for (const [, code] of section.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const name = /^\/\/ (\S+\.test\.ts)/.exec(code)?.[1]
    if (name) files.set(name, code)
  }
  return files
}
