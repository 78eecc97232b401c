// Saves generated text (an export) as a file through the browser's download.
export function downloadText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** "orders-p0-20261122-140307.json": topic, partition and when. */
export function exportFilename(
  topic: string,
  partition: number | 'all',
  ext: string,
  now = new Date()
): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`
  return `${topic}-${partition === 'all' ? 'all' : `p${partition}`}-${stamp}.${ext}`
}
