// YAML files given on the command line (--faults, --connections), parsed by the yaml package,
// which loads on the first such file: a serve without one does not pay for it at start.
import { createRequire } from 'node:module'
import type * as Yaml from 'yaml'

let yaml: typeof Yaml | undefined

export function parseYaml(text: string): unknown {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml
  return yaml.parse(text)
}

/** A YAML document's value, and the 1-based line where the node at a path starts. */
export interface YamlWithLines {
  value: unknown
  line(path: readonly (string | number)[]): number | undefined
  /**
   * The local tags (`!name`, which the yaml package leaves unresolved) used, with their lines and
   * the path of the node they tag (map keys and sequence indexes from the top).
   */
  localTags: { tag: string; line: number; path: (string | number)[] }[]
  /** The local tag of the node at a path, if it has one. */
  tag(path: readonly (string | number)[]): string | undefined
}

/** Parses YAML as parseYaml does (merge keys too), keeping where each node starts. */
export function parseYamlWithLines(text: string): YamlWithLines {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml
  const lineCounter = new yaml.LineCounter()
  const doc = yaml.parseDocument(text, { lineCounter, merge: true })
  if (doc.errors.length > 0) throw doc.errors[0]
  const Y = yaml
  const localTags: { tag: string; line: number; path: (string | number)[] }[] = []
  const walk = (node: unknown, path: (string | number)[]) => {
    if (!Y.isNode(node)) return
    if (node.tag?.startsWith('!') && !node.tag.startsWith('!!') && node.range)
      localTags.push({ tag: node.tag, line: lineCounter.linePos(node.range[0]).line, path })
    if (Y.isMap(node))
      for (const pair of node.items)
        walk(pair.value, [...path, Y.isScalar(pair.key) ? String(pair.key.value) : '?'])
    else if (Y.isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]))
  }
  walk(doc.contents, [])
  const tags = new Map(localTags.map((t) => [JSON.stringify(t.path), t.tag]))
  return {
    value: doc.toJS({ maxAliasCount: 1000 }),
    localTags,
    tag: (path) => tags.get(JSON.stringify(path)),
    line(path) {
      // A sequence item by index; a map entry by key, at its key.
      let node: unknown = doc.contents
      let at: number | undefined
      for (const step of path) {
        if (Y.isMap(node)) {
          const pair = node.items.find((p) => Y.isScalar(p.key) && String(p.key.value) === step)
          if (!pair) return at
          if (Y.isScalar(pair.key) && pair.key.range)
            at = lineCounter.linePos(pair.key.range[0]).line
          node = pair.value
        } else if (Y.isSeq(node) && typeof step === 'number') {
          node = node.items[step]
          const range = (node as { range?: [number, number, number] } | undefined)?.range
          if (range) at = lineCounter.linePos(range[0]).line
        } else return at
      }
      return at
    }
  }
}
