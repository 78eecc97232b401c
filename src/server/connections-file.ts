// `logdeck serve --connections FILE`: external cluster connections a team can share, as YAML
// or JSON: a list, or an object with a `connections` list. Secrets are optional; they can be
// added in the console and are then kept in the data folder, not in this file.
import { readFileSync } from 'node:fs'
import { parseYaml } from './yaml-text'
import { connectionsParams } from '../shared/api/connections'
import type { FileConnection } from '../engine/service/connections/registry'
import { UsageError } from './cli-errors'

export function readConnectionsFile(file: string): FileConnection[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new UsageError(`--connections ${file}: ${(err as Error).message}`)
  }
  let doc: unknown
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch (err) {
    throw new UsageError(`--connections ${file}: not valid YAML or JSON: ${(err as Error).message}`)
  }
  const list = Array.isArray(doc) ? doc : (doc as { connections?: unknown } | null)?.connections
  if (!Array.isArray(list))
    throw new UsageError(
      `--connections ${file}: expected a list of connections, or {connections: [...]}`
    )
  const seen = new Set<string>()
  return list.map((entry, i) => {
    const parsed = connectionsParams['connections.add'].safeParse(entry)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = ['connections', i, ...issue.path].map(String).join('.')
      throw new UsageError(`--connections ${file}: ${where}: ${issue.message}`)
    }
    if (parsed.data.id) {
      if (seen.has(parsed.data.id))
        throw new UsageError(
          `--connections ${file}: connections.${i}.id: '${parsed.data.id}' is used twice`
        )
      seen.add(parsed.data.id)
    }
    return parsed.data
  })
}
