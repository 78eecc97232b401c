// Two schema texts side by side, line by line (jsdiff finds the changed lines): a removed block
// followed by an added one pairs up into changed rows. jsdiff loads on the first comparison, not
// with the broker.
import type { DiffRow } from '../../shared/api/schemas'

/** JSON schemas (Avro, JSON Schema) indented one property a line, so that a diff shows fields. */
export function schemaText(type: string, schema: string): string {
  if (type === 'PROTOBUF') return schema.trimEnd()
  try {
    return JSON.stringify(JSON.parse(schema), null, 2)
  } catch {
    return schema.trimEnd()
  }
}

function lines(text: string): string[] {
  const out = text.split('\n')
  if (out.at(-1) === '') out.pop()
  return out
}

export async function diffRows(left: string, right: string): Promise<DiffRow[]> {
  const { diffLines } = await import('diff')
  const rows: DiffRow[] = []
  let l = 1
  let r = 1
  let removed: string[] = []
  const flush = (added: string[]) => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const a = i < removed.length ? { line: l++, text: removed[i] } : null
      const b = i < added.length ? { line: r++, text: added[i] } : null
      rows.push({ change: a && b ? 'changed' : a ? 'removed' : 'added', left: a, right: b })
    }
    removed = []
  }
  for (const part of diffLines(`${left}\n`, `${right}\n`)) {
    const text = lines(part.value)
    if (part.removed) {
      removed.push(...text)
      continue
    }
    if (part.added) {
      flush(text)
      continue
    }
    flush([])
    for (const t of text)
      rows.push({ change: 'same', left: { line: l++, text: t }, right: { line: r++, text: t } })
  }
  flush([])
  return rows
}
