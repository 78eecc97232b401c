// Compose's merge tags in a compose file: `!reset` removes from the merged result what the files
// before set, `!override` replaces it instead of merging (compose-merge.ts applies them). A tag
// Logdeck cannot apply is refused naming the file and line, rather than read as a plain value
// that would merge as the tag says it must not.
import { UsageError } from './cli-errors'
import type { YamlWithLines } from './yaml-text'

/** Compose's merge tags: `!reset` removes a value from the merged result, `!override` replaces it. */
export type MergeTag = '!reset' | '!override'

/**
 * Refuses a local tag Logdeck would read as a plain value: one other than compose's `!reset` and
 * `!override`, or one of theirs where it cannot apply it (inside a list, on `extends:`, over the
 * whole of `services:` or `include:`). Tags on top-level settings other than those are taken: no
 * value of theirs is read.
 */
export function checkTags(file: string, yaml: YamlWithLines): void {
  for (const { tag, line, path } of yaml.localTags) {
    const refuse = (why: string) => {
      // The line of the setting tagged (a map's key), else of the value.
      throw new UsageError(`${file} line ${yaml.line(path) ?? line}: the ${tag} tag ${why}`)
    }
    if (tag !== '!reset' && tag !== '!override')
      refuse('is not supported (write the merged value out in one file)')
    const [top, , setting, variable] = path
    if (top === 'include' || (top === 'services' && path.length === 1))
      refuse(`is not supported on ${String(top)}: (tag the services or settings it merges)`)
    if (top !== 'services') continue
    if (setting === 'extends') refuse('is not supported on extends:')
    const inEnvironment = setting === 'environment' && typeof variable === 'string'
    if (path.length > 4 || (path.length === 4 && !inEnvironment))
      refuse(
        `is taken on a service, one of its settings or one of its environment variables (NAME: ${tag} ...), not inside ${String(setting)}:`
      )
  }
}
