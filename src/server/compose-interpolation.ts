// Compose's variables: the KEY=VALUE lines of a .env or env_file, and a value's ${VAR} references
// replaced as compose replaces them (docker compose's interpolation).

/** KEY=VALUE lines of a .env or env_file (comments, `export `, quotes), in order. */
export function readEnvFile(text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line)
    if (!m) continue
    let value = m[2]
    const quoted = /^(['"])(.*)\1$/.exec(value)
    if (quoted) value = quoted[1] === '"' ? quoted[2].replace(/\\n/g, '\n') : quoted[2]
    else value = value.replace(/\s+#.*$/, '')
    out.push({ name: m[1], value })
  }
  return out
}

export class InterpolationError extends Error {}

/**
 * A compose value with its variables replaced: ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?message}, ${VAR?message}, ${VAR:+other}, ${VAR+other} (defaults may hold variables
 * themselves), $VAR, and $$ for a dollar sign. An unset variable without a default is empty and
 * noted in `unset`.
 */
export function interpolate(
  text: string,
  vars: ReadonlyMap<string, string>,
  unset: Set<string> = new Set()
): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c !== '$') {
      out += c
      i++
      continue
    }
    const next = text[i + 1]
    if (next === '$') {
      out += '$'
      i += 2
      continue
    }
    if (next === '{') {
      let depth = 1
      let j = i + 2
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{') depth++
        else if (text[j] === '}') depth--
      }
      if (depth > 0) throw new InterpolationError(`'${text.slice(i)}' has no closing '}'`)
      const body = text.slice(i + 2, j - 1)
      out += expand(body, vars, unset)
      i = j
      continue
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0]
    if (name === undefined) {
      out += '$'
      i++
      continue
    }
    out += lookup(name, vars, unset)
    i += 1 + name.length
  }
  return out
}

function lookup(name: string, vars: ReadonlyMap<string, string>, unset: Set<string>): string {
  const v = vars.get(name)
  if (v === undefined) unset.add(name)
  return v ?? ''
}

function expand(body: string, vars: ReadonlyMap<string, string>, unset: Set<string>): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body)
  if (!m) throw new InterpolationError(`'\${${body}}' is not a variable reference`)
  const [, name, op, rest = ''] = m
  const value = vars.get(name)
  if (op === undefined) return lookup(name, vars, unset)
  const missing = op.startsWith(':') ? value === undefined || value === '' : value === undefined
  switch (op.slice(-1)) {
    case '-':
      return missing ? interpolate(rest, vars, unset) : value!
    case '+':
      return missing ? '' : interpolate(rest, vars, unset)
    default:
      if (missing)
        throw new InterpolationError(
          `${name} is required: ${interpolate(rest, vars, unset) || `${name} is not set`}`
        )
      return value!
  }
}
