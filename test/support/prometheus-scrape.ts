// A Prometheus scrape as a test reads it: each sample line parsed strictly as the text format
// (0.0.4) writes it, and the samples picked by name and labels.

export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

export interface Scraped {
  samples: Sample[]
  text: string
  /** The response's content type. */
  type: string
}

/** GET `url`; anything but 200 throws with the status and the body. */
export async function scrapeMetrics(url: string): Promise<Scraped> {
  const res = await fetch(url)
  const text = await res.text()
  if (res.status !== 200) throw new Error(`${res.status}: ${text}`)
  return { samples: parseSamples(text), text, type: res.headers.get('content-type') ?? '' }
}

/** The sample lines of an exposition; a line that is not one throws. */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue
    const m = /^([a-z_]+)(?:\{(.*)\})? (-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/.exec(line)
    if (!m) throw new Error(`not a sample line: ${line}`)
    const labels: Record<string, string> = {}
    for (const l of (m[2] ?? '').split(',').filter(Boolean)) {
      const [k, v] = l.split('=')
      labels[k] = JSON.parse(v)
    }
    samples.push({ name: m[1], labels, value: Number(m[3]) })
  }
  return samples
}

/** The samples of `name` whose labels include `labels`. */
export const pick = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)
  )

/** The value of the one sample of `name` with exactly these labels; throws unless just one. */
export const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) => {
  const found = pick(samples, name, labels).filter(
    (s) => Object.keys(s.labels).length === Object.keys(labels).length
  )
  if (found.length !== 1)
    throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`)
  return found[0].value
}
