// The width a data table needs before it scrolls sideways rather than squeeze a column until
// its text breaks letter by letter (naive-ui shares out what is left of the row among the
// columns without a width, down to nothing).
import type { DataTableColumn } from 'naive-ui'

/**
 * The sum of the columns' widths, where a column without a width counts its `minWidth`, or
 * `flexible` px without one. Selection and expand columns are 40 px unless given a width.
 */
export function tableScrollWidth<T>(
  columns: readonly DataTableColumn<T>[],
  flexible = 160
): number {
  return columns.reduce((sum, c) => {
    if ('children' in c) return sum + tableScrollWidth(c.children ?? [], flexible)
    const width = 'width' in c ? c.width : undefined
    const min = 'minWidth' in c ? c.minWidth : undefined
    const own = typeof width === 'number' ? width : typeof min === 'number' ? min : undefined
    if (own !== undefined) return sum + own
    return sum + (c.type === 'selection' || c.type === 'expand' ? 40 : flexible)
  }, 0)
}
