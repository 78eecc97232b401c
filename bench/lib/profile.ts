// Summarizes a V8 .cpuprofile (node --cpu-prof): the top frames by self time and by inclusive
// time, with source locations, so a profile of the broker can be read in a results file.
import { readFileSync } from 'node:fs'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface FrameTime {
  frame: string
  ms: number
  percent: number
}

export interface ProfileSummary {
  totalMs: number
  /** Sampled time outside idle/program/GC: the thread doing JavaScript or native work. */
  busyMs: number
  self: FrameTime[]
  inclusive: FrameTime[]
}

function frameName(cf: CallFrame): string {
  const file = cf.url ? cf.url.split('/').slice(-2).join('/') : ''
  return `${cf.functionName || '(anonymous)'}${file ? ` ${file}:${cf.lineNumber + 1}` : ''}`
}

export function summarizeProfile(path: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const perNode = new Map<number, number>()
  for (let i = 0; i < p.samples.length; i++)
    perNode.set(p.samples[i], (perNode.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0))

  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  for (const [id, us] of perNode) {
    total += us
    const name = frameName(byId.get(id)!.callFrame)
    self.set(name, (self.get(name) ?? 0) + us)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = frameName(byId.get(cur)!.callFrame)
      if (seen.has(n)) continue
      seen.add(n)
      inclusive.set(n, (inclusive.get(n) ?? 0) + us)
    }
  }
  const idle = ['(idle)', '(program)', '(root)']
  const busy = total - (self.get('(idle)') ?? 0)
  const list = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => !idle.includes(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, us]) => ({
        frame,
        ms: Math.round(us / 100) / 10,
        percent: Math.round((1000 * us) / busy) / 10
      }))
  return {
    totalMs: Math.round(total / 1000),
    busyMs: Math.round(busy / 1000),
    self: list(self),
    inclusive: list(inclusive)
  }
}
