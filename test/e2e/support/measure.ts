// Scripts run in the page to measure what a person would feel, e.g. frame times while
// scrolling a long list. Kept as strings: they run in the browser, not in Node.

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
