// Scripts run in the page to measure what a person would feel, e.g. frame times while
// scrolling a long list (kept as strings: they run in the browser, not in Node), and where
// things lie on screen.
import type { Locator } from '@playwright/test'

export interface FrameTimes {
  median: number
  worst: number
}

/** Scrolls `selector` from top to bottom in `steps` frames; resolves with frame times. */
export function scrollThrough(selector: string, steps: number): string {
  return `(async () => {
    const el = document.querySelector(${JSON.stringify(selector)})
    if (!el) throw new Error('nothing to scroll at ${selector.replace(/'/g, '')}')
    const gaps = []
    let last = performance.now()
    for (let i = 1; i <= ${steps}; i++) {
      el.scrollTop = (el.scrollHeight * i) / ${steps}
      await new Promise(requestAnimationFrame)
      const now = performance.now()
      gaps.push(now - last)
      last = now
    }
    gaps.sort((a, b) => a - b)
    return { median: gaps[Math.floor(gaps.length / 2)], worst: gaps[gaps.length - 1] }
  })()`
}

/**
 * The lines the text of the element takes on screen (1 when it does not wrap): the distinct
 * tops of its text's boxes.
 */
export function textLines(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = el.ownerDocument.createRange()
    range.selectNodeContents(el)
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
    return tops.size
  })
}

/** Whether `inner` lies wholly inside `outer` on screen (within a pixel). */
export async function liesWithin(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await inner.boundingBox(), await outer.boundingBox()]
  if (!a || !b) return false
  return (
    a.x >= b.x - 1 &&
    a.y >= b.y - 1 &&
    a.x + a.width <= b.x + b.width + 1 &&
    a.y + a.height <= b.y + b.height + 1
  )
}
