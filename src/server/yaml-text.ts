// YAML files given on the command line (--faults, --connections), parsed by the yaml package,
// which loads on the first such file: a serve without one does not pay for it at start.
import { createRequire } from 'node:module'
import type * as Yaml from 'yaml'

let yaml: typeof Yaml | undefined

export function parseYaml(text: string): unknown {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml
  return yaml.parse(text)
}
