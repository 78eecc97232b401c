// Writes the README's CLI reference from the flag table behind `--help`
// (src/server/cli-flags.ts). Usage: npm run readme:cli
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { certsHelp, mainHelp, serveHelp } from '../src/server/cli-flags'

export const README = join(__dirname, '..', 'README.md')
const START = '<!-- cli-reference: written by `npm run readme:cli` from src/server/cli-flags.ts -->'
const END = '<!-- /cli-reference -->'

/** The section as `npm run format` (prettier) leaves it: a blank line around the code block. */
export function cliReference(): string {
  return [
    START,
    '',
    '```text',
    '$ logdeck --help',
    mainHelp(),
    '',
    '$ logdeck serve --help',
    serveHelp(),
    '',
    '$ logdeck certs --help',
    certsHelp(),
    '```',
    '',
    END
  ].join('\n')
}

/** The README's current reference section, or null when its markers are missing. */
export function readmeCliReference(readme: string): string | null {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) return null
  return readme.slice(start, end + END.length)
}

function main(): void {
  const readme = readFileSync(README, 'utf8')
  const current = readmeCliReference(readme)
  if (current === null) throw new Error(`README.md has no section marked ${START} ... ${END}`)
  writeFileSync(
    README,
    readme.replace(current, () => cliReference())
  )
}

if (process.argv[1] && /readme-cli\.ts$/.test(process.argv[1])) main()
