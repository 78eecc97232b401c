// A compose service's `ports:` entries (short and long syntax) as container port -> host port.
import { InterpolationError } from './compose-interpolation'

/** A `ports:` entry as container port -> host port (0: a port Docker picks); tcp only. */
export function parsePorts(entry: unknown): { container: number; host: number }[] {
  if (typeof entry === 'number') return [{ container: entry, host: 0 }]
  if (entry !== null && typeof entry === 'object') {
    const o = entry as Record<string, unknown>
    if ((o.protocol ?? 'tcp') !== 'tcp') return []
    const target = Number(o.target)
    if (!Number.isInteger(target)) throw new InterpolationError('a long-syntax port needs target')
    if (o.published === undefined || o.published === '') return [{ container: target, host: 0 }]
    const published = String(o.published as string | number)
    const range = /^(\d+)(?:-(\d+))?$/.exec(published)
    if (!range) throw new InterpolationError(`published '${published}' is not a port`)
    return [{ container: target, host: Number(range[1]) }]
  }
  const text = String(entry as string)
  const m =
    /^(?:(?:\[[^\]]*\]|[^:[\]]*):)??(?:(\d*)(?:-(\d+))?:)?(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(
      text
    )
  // An empty host port (HOST_IP::CONTAINER_PORT) is one Docker picks; it needs the address.
  if (!m || text.startsWith(':'))
    throw new InterpolationError(`'${text}' is not [HOST_IP:][HOST_PORT:]CONTAINER_PORT`)
  if (m[5] !== undefined && m[5] !== 'tcp') return []
  const c0 = Number(m[3])
  const c1 = m[4] === undefined ? c0 : Number(m[4])
  const h0 = m[1] === undefined || m[1] === '' ? 0 : Number(m[1])
  const out: { container: number; host: number }[] = []
  for (let p = c0; p <= c1; p++) out.push({ container: p, host: h0 === 0 ? 0 : h0 + (p - c0) })
  return out
}
