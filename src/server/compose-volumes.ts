// Where a path of a compose service's container is on the host: the service's bind mounts
// (`volumes:`, short syntax `./secrets:/etc/kafka/secrets[:ro]` or long syntax `type: bind`,
// `source`, `target`), a host path relative to the project folder as compose resolves it, `~`
// the home folder. The mount whose container path holds the path most closely wins, as the
// container sees the innermost one. A path no bind mount holds (a named volume, or nothing) is
// not on the host: a UsageError naming the service and the path.
import { homedir } from 'node:os'
import { isAbsolute, join, posix } from 'node:path'
import { UsageError } from './cli-errors'
import { interpolate, InterpolationError } from './compose-interpolation'
import type { ComposeProject, ComposeService, Sourced } from './compose-merge'

interface Mount {
  /** A host path (bind mount), or a named volume's name. */
  source?: string
  bind: boolean
  target: string
  volume: Sourced<unknown>
}

function interp(project: ComposeProject, v: Sourced<unknown>, text: string, where: string) {
  try {
    return interpolate(text, v.vars, project.unset)
  } catch (err) {
    if (err instanceof InterpolationError) throw new UsageError(`${where}: ${err.message}`)
    throw err
  }
}

function mountOf(project: ComposeProject, v: Sourced<unknown>, where: string): Mount | undefined {
  if (typeof v.value === 'string') {
    const parts = interp(project, v, v.value, where).split(':')
    if (parts.length === 1) return { bind: false, target: parts[0], volume: v }
    const [source, target] = parts
    return { source, bind: /^[./~]/.test(source), target, volume: v }
  }
  if (v.value !== null && typeof v.value === 'object') {
    const long = v.value as { type?: unknown; source?: unknown; target?: unknown }
    if (typeof long.target !== 'string') return undefined
    const source =
      typeof long.source === 'string' ? interp(project, v, long.source, where) : undefined
    return {
      ...(source !== undefined ? { source } : {}),
      bind: long.type === 'bind',
      target: interp(project, v, long.target, where),
      volume: v
    }
  }
  return undefined
}

/** The host file a container path of `service` is, through its bind mounts. */
export function hostPathOf(
  project: ComposeProject,
  service: ComposeService,
  containerPath: string,
  what: string
): { path: string; mount: string } {
  const here = (v: Sourced<unknown>) =>
    `${v.file}${v.line ? ` line ${v.line}` : ''}, service ${service.name}, volumes`
  const path = posix.normalize(containerPath)
  const holding = service.volumes
    .map((v) => mountOf(project, v, here(v)))
    .filter((m): m is Mount => m !== undefined)
    .map((m) => ({ ...m, target: posix.normalize(m.target) }))
    .filter((m) => path === m.target || path.startsWith(m.target.replace(/\/?$/, '/')))
    .sort((a, b) => b.target.length - a.target.length)
  const mount = holding[0]
  if (!mount)
    throw new UsageError(
      `${service.file}, service ${service.name}: ${what} ${containerPath} is a path in the container, and no volume of the service mounts a host file or folder there (volumes: - ./kafka_server_jaas.conf:${containerPath}); give the host's file with --jaas-config FILE`
    )
  if (!mount.bind || mount.source === undefined)
    throw new UsageError(
      `${here(mount.volume)}: ${what} ${containerPath} is in ${mount.source ? `the named volume ${mount.source}` : 'an anonymous volume'} mounted at ${mount.target}, not in a folder of the host; give the host's file with --jaas-config FILE`
    )
  const source = mount.source.startsWith('~')
    ? join(homedir(), mount.source.slice(1))
    : isAbsolute(mount.source)
      ? mount.source
      : join(mount.volume.dir, mount.source)
  const rest = path.slice(mount.target.length).replace(/^\//, '')
  return {
    path: rest === '' ? source : join(source, rest),
    mount: `${mount.source}:${mount.target}`
  }
}
