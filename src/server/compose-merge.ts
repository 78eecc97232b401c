// A compose project as docker compose loads it: the services of the file, and of the files its
// top-level `include:` names (each with its own project folder and .env, as compose loads them);
// each service's `extends:` (a service of the same file, or of `file:`) merged by the Compose
// specification's rules: mappings (environment) merged with the extending service winning, image,
// command and network_mode replaced, env_file and profiles appended, ports appended without
// duplicates; `profiles:` deciding which services are active. A later file's `!reset` removes
// what the files before it set (a service, one of its settings, or an environment variable) and
// `!override` replaces it whole instead of merging. Values keep where they are written (the file,
// the line and that file's variables) to be interpolated with those variables and named in
// messages. A cycle of includes or extends, and a service defined twice, are refused.
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { UsageError } from './cli-errors'
import { interpolate, InterpolationError, readEnvFile } from './compose-interpolation'
import { parseYamlWithLines, type YamlWithLines } from './yaml-text'
import { checkTags, type MergeTag } from './compose-merge-tags'

export type Vars = ReadonlyMap<string, string>

/** A value with where it is written, the variables it is interpolated with and its folder. */
export interface Sourced<T> {
  value: T
  file: string
  line?: number
  vars: Vars
  /** The folder its relative paths start from. */
  dir: string
}

/** An env_file entry: its path, and whether a missing file is an error (long syntax `required`). */
export interface EnvFileEntry {
  path: string
  required: boolean
}

/** The settings of a service that Logdeck reads, as compose names them. */
export type ServiceSetting =
  'image' | 'environment' | 'env_file' | 'ports' | 'volumes' | 'network_mode' | 'profiles'

const SERVICE_SETTINGS: readonly ServiceSetting[] = [
  'image',
  'environment',
  'env_file',
  'ports',
  'volumes',
  'network_mode',
  'profiles'
]

export interface ComposeService {
  name: string
  /** The file that defines it (not those it extends). */
  file: string
  line?: number
  image?: Sourced<string>
  /** Its environment by variable; a null value takes the variable from its `vars`. */
  environment: Map<string, Sourced<string | null>>
  /** Its env_files in the order they are read (those of the service it extends first). */
  envFiles: Sourced<EnvFileEntry>[]
  ports: Sourced<unknown>[]
  /** Its volumes as written (short or long syntax), those of the service it extends first. */
  volumes: Sourced<unknown>[]
  networkMode?: string
  profiles: string[]
  /**
   * Settings given whole (`!override`) or emptied (`!reset`) here or in a file merged into this
   * one: they replace the value of the service this one is merged over instead of merging with it.
   */
  replaced?: ReadonlySet<ServiceSetting>
  /** Environment variables removed (`NAME: !reset null`) from the service this one is merged over. */
  unsetEnvironment?: ReadonlySet<string>
  /** `!reset` on the service: it removes the one of an earlier file; `!override`: it replaces it. */
  tag?: MergeTag
}

/** The container path a volume as written mounts at (short or long syntax), if it says. */
export function volumeTarget(volume: unknown): string | undefined {
  if (typeof volume === 'string') {
    const parts = volume.split(':')
    return parts.length === 1 ? parts[0] : parts[1]
  }
  if (volume !== null && typeof volume === 'object') {
    const target = (volume as { target?: unknown }).target
    return typeof target === 'string' ? target : undefined
  }
  return undefined
}

export interface ComposeProject {
  file: string
  /** Every service in the order written (an include's where it is included), active or not. */
  services: Map<string, ComposeService>
  /** The profiles enabled: --compose-profile, else COMPOSE_PROFILES. */
  profiles: string[]
  /** Variables referenced but set nowhere (taken as empty), as interpolation finds them. */
  unset: Set<string>
}

/** Whether a service runs with these profiles enabled: no profiles, or one of them (or `*`). */
export function isActive(service: Pick<ComposeService, 'profiles'>, enabled: readonly string[]) {
  return (
    service.profiles.length === 0 ||
    enabled.includes('*') ||
    service.profiles.some((p) => enabled.includes(p))
  )
}

/**
 * A service's definition merged over the one it extends or an earlier file's (`base`), by the
 * specification's rules; a setting `local` replaces (`!override`, `!reset`) is its own alone.
 */
export function mergeService(base: ComposeService, local: ComposeService): ComposeService {
  const replaced = local.replaced ?? new Set<ServiceSetting>()
  const unset = local.unsetEnvironment ?? new Set<string>()
  const whole = (setting: ServiceSetting) => replaced.has(setting)
  const environment = new Map(whole('environment') ? [] : base.environment)
  for (const k of unset) environment.delete(k)
  for (const [k, v] of local.environment) environment.set(k, v)
  // Ports are unique resources: appended, a port given twice kept once.
  const ports: Sourced<unknown>[] = []
  for (const p of [...(whole('ports') ? [] : base.ports), ...local.ports])
    if (!ports.some((q) => JSON.stringify(q.value) === JSON.stringify(p.value))) ports.push(p)
  // Volumes are merged by the container path they mount at, the extending service's winning.
  const targets = new Set(local.volumes.map((v) => volumeTarget(v.value)))
  const volumes = [
    ...(whole('volumes') ? [] : base.volumes).filter((v) => !targets.has(volumeTarget(v.value))),
    ...local.volumes
  ]
  const image = whole('image') ? local.image : (local.image ?? base.image)
  const networkMode = whole('network_mode')
    ? local.networkMode
    : (local.networkMode ?? base.networkMode)
  // What either replaced or removed stays so when the two are merged over a third service.
  const allReplaced = new Set([...(base.replaced ?? []), ...replaced])
  const allUnset = new Set([...(base.unsetEnvironment ?? []), ...unset])
  return {
    name: local.name,
    file: local.file,
    ...(local.line !== undefined ? { line: local.line } : {}),
    ...(image ? { image } : {}),
    environment,
    envFiles: [...(whole('env_file') ? [] : base.envFiles), ...local.envFiles],
    ports,
    volumes,
    ...(networkMode !== undefined ? { networkMode } : {}),
    profiles: [...new Set([...(whole('profiles') ? [] : base.profiles), ...local.profiles])],
    ...(allReplaced.size > 0 ? { replaced: allReplaced } : {}),
    ...(allUnset.size > 0 ? { unsetEnvironment: allUnset } : {}),
    ...(local.tag ? { tag: local.tag } : {})
  }
}

/**
 * `s` merged into the services of the files before it, as compose merges -f files: a `!reset`
 * service removes theirs, an `!override` one replaces it, another merges over it.
 */
function mergeInto(services: Map<string, ComposeService>, s: ComposeService): void {
  const before = services.get(s.name)
  // A service reset where nothing came before it is not there to merge over.
  if (before?.tag === '!reset') services.delete(s.name)
  if (s.tag === '!reset') services.delete(s.name)
  else
    services.set(
      s.name,
      before && before.tag !== '!reset' && s.tag !== '!override' ? mergeService(before, s) : s
    )
}

interface Context {
  vars: Vars
  /** The project folder: relative paths of the file start there. */
  dir: string
}

interface Loader {
  environment: NodeJS.ProcessEnv
  unset: Set<string>
  parsed: Map<string, YamlWithLines>
}

const shortName = (file: string) => {
  const r = relative(process.cwd(), file)
  return r === '' || r.startsWith('..') ? file : r
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new UsageError(
      `${what} ${file} ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : 'is not readable'}`
    )
  }
}

function parse(loader: Loader, file: string, what: string): YamlWithLines {
  const known = loader.parsed.get(file)
  if (known) return known
  let yaml: YamlWithLines
  try {
    yaml = parseYamlWithLines(readText(file, what))
  } catch (err) {
    if (err instanceof UsageError) throw err
    throw new UsageError(`${file}: not YAML: ${(err as Error).message.split('\n')[0]}`)
  }
  if (yaml.value !== null && (typeof yaml.value !== 'object' || Array.isArray(yaml.value)))
    throw new UsageError(`${file}: not a compose file (its top level is not a map)`)
  checkTags(file, yaml)
  loader.parsed.set(file, yaml)
  return yaml
}

function interp(loader: Loader, text: string, vars: Vars, where: string): string {
  try {
    return interpolate(text, vars, loader.unset)
  } catch (err) {
    if (err instanceof InterpolationError) throw new UsageError(`${where}: ${err.message}`)
    throw err
  }
}

/** A list given as one string or a list of them. */
function strings(value: unknown): string[] {
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map((v) => String(v as string))
}

/** The variables of a project: its env files' (the .env of its folder by default), under the environment. */
function projectVars(loader: Loader, files: { path: string; required: boolean }[]): Vars {
  const vars = new Map<string, string>()
  for (const f of files) {
    let text: string | undefined
    try {
      text = readFileSync(f.path, 'utf8')
    } catch (err) {
      if (f.required || (err as NodeJS.ErrnoException).code !== 'ENOENT')
        text = readText(f.path, 'env_file')
    }
    for (const { name, value } of readEnvFile(text ?? '')) vars.set(name, value)
  }
  for (const [k, v] of Object.entries(loader.environment)) if (v !== undefined) vars.set(k, v)
  return vars
}

/** A service as written in `file` (its `extends:` not yet followed). */
function serviceOf(
  file: string,
  yaml: YamlWithLines,
  name: string,
  def: unknown,
  ctx: Context
): ComposeService {
  const at = (...path: (string | number)[]) => yaml.line(['services', name, ...path])
  const here = (line: number | undefined) =>
    `${file}${line ? ` line ${line}` : ''}, service ${name}`
  const tagOf = (...path: string[]) => yaml.tag(['services', name, ...path]) as MergeTag | undefined
  // A service reset is removed whatever its value (`!reset null`, `!reset {}`).
  if (tagOf() === '!reset') def = null
  if (def !== null && (typeof def !== 'object' || Array.isArray(def)))
    throw new UsageError(`${here(at())}: not a map of settings`)
  const replaced = new Set(SERVICE_SETTINGS.filter((setting) => tagOf(setting) !== undefined))
  // A setting reset is read as not given: its value is there to be valid YAML, and is ignored.
  const d = Object.fromEntries(
    Object.entries((def ?? {}) as Record<string, unknown>).filter(
      ([setting]) => tagOf(setting) !== '!reset'
    )
  )
  const unsetEnvironment = new Set<string>()
  const sourced = <T>(value: T, line: number | undefined): Sourced<T> => ({
    value,
    file,
    ...(line !== undefined ? { line } : {}),
    vars: ctx.vars,
    dir: ctx.dir
  })
  const environment = new Map<string, Sourced<string | null>>()
  const env = d.environment
  if (Array.isArray(env))
    env.forEach((item, i) => {
      const s = String(item as string)
      const eq = s.indexOf('=')
      environment.delete(eq < 0 ? s : s.slice(0, eq))
      environment.set(
        eq < 0 ? s : s.slice(0, eq),
        sourced(eq < 0 ? null : s.slice(eq + 1), at('environment', i))
      )
    })
  else if (env !== null && typeof env === 'object')
    for (const [k, v] of Object.entries(env as Record<string, unknown>))
      if (tagOf('environment', k) === '!reset') unsetEnvironment.add(k)
      else
        environment.set(
          k,
          sourced(v === null || v === undefined ? null : String(v as string), at('environment', k))
        )
  else if (env !== undefined && env !== null)
    throw new UsageError(`${here(at('environment'))}: environment is neither a map nor a list`)
  const envFile = d.env_file
  const envFiles = (Array.isArray(envFile) ? envFile : envFile ? [envFile] : []).map((f, i) => {
    const long = typeof f === 'object' && f !== null ? (f as Record<string, unknown>) : undefined
    const line = at('env_file', ...(Array.isArray(envFile) ? [i] : []))
    if (long && long.path === undefined)
      throw new UsageError(`${here(line)}, env_file: the long syntax needs path`)
    return sourced(
      { path: String((long ? long.path : f) as string), required: long?.required !== false },
      line
    )
  })
  for (const key of ['ports', 'volumes'])
    if (d[key] !== undefined && d[key] !== null && !Array.isArray(d[key]))
      throw new UsageError(`${here(at(key))}: ${key} is not a list`)
  const ports = Array.isArray(d.ports)
    ? d.ports.map((p, i) => sourced(p as unknown, at('ports', i)))
    : []
  const volumes = Array.isArray(d.volumes)
    ? d.volumes.map((v, i) => sourced(v as unknown, at('volumes', i)))
    : []
  const profiles = d.profiles
  if (profiles !== undefined && !Array.isArray(profiles))
    throw new UsageError(`${here(at('profiles'))}: profiles is not a list`)
  const line = at()
  return {
    name,
    file,
    ...(line !== undefined ? { line } : {}),
    ...(typeof d.image === 'string' ? { image: sourced(d.image, at('image')) } : {}),
    environment,
    envFiles,
    ports,
    volumes,
    ...(typeof d.network_mode === 'string' ? { networkMode: d.network_mode } : {}),
    profiles: strings(profiles),
    ...(replaced.size > 0 ? { replaced } : {}),
    ...(unsetEnvironment.size > 0 ? { unsetEnvironment } : {}),
    ...(tagOf() ? { tag: tagOf() } : {})
  }
}

function servicesOf(file: string, yaml: YamlWithLines): Record<string, unknown> {
  const services = (yaml.value as { services?: unknown } | null)?.services
  if (services === undefined || services === null) return {}
  if (typeof services !== 'object' || Array.isArray(services))
    throw new UsageError(`${file}: services: is not a map of services`)
  return services as Record<string, unknown>
}

/** Service `name` of `file`, its `extends:` followed; `chain` the services extending it. */
function resolveService(
  loader: Loader,
  file: string,
  name: string,
  ctx: Context,
  chain: string[]
): ComposeService {
  const yaml = parse(loader, file, 'extends: file')
  const defs = servicesOf(file, yaml)
  const own = serviceOf(file, yaml, name, defs[name], ctx)
  const ext = (defs[name] as { extends?: unknown } | null)?.extends
  if (ext === undefined || ext === null) return own
  const line = yaml.line(['services', name, 'extends'])
  const where = `${file}${line ? ` line ${line}` : ''}, service ${name}, extends`
  const e = typeof ext === 'string' ? { service: ext } : (ext as Record<string, unknown>)
  if (typeof e !== 'object' || typeof e.service !== 'string')
    throw new UsageError(
      `${where}: needs a service (extends: NAME, or service: NAME and file: PATH)`
    )
  const target =
    e.file === undefined
      ? file
      : (() => {
          const p = interp(loader, String(e.file as string), ctx.vars, `${where}, file`)
          return isAbsolute(p) ? p : join(dirname(file), p)
        })()
  const key = `${shortName(target)} service ${e.service}`
  const self = `${shortName(file)} service ${name}`
  if (chain.includes(key) || key === self)
    throw new UsageError(
      `${where}: a cycle: ${[...chain, self, key].slice(chain.indexOf(key) >= 0 ? chain.indexOf(key) : 0).join(' extends ')}`
    )
  const targetDefs = servicesOf(target, parse(loader, target, `${where}: file`))
  if (!Object.hasOwn(targetDefs, e.service))
    throw new UsageError(
      `${where}: no service ${e.service} in ${target} (its services are ${Object.keys(targetDefs).join(', ') || 'none'})`
    )
  // An extended file's relative paths start from its own folder; its variables are the project's.
  const baseCtx = target === file ? ctx : { vars: ctx.vars, dir: dirname(target) }
  const base = resolveService(loader, target, e.service, baseCtx, [...chain, self])
  return mergeService(base, own)
}

/** The services of `file` and of what it includes; `stack` the files including it. */
function loadServices(
  loader: Loader,
  file: string,
  ctx: Context,
  stack: string[],
  what = '--compose'
): Map<string, ComposeService> {
  const yaml = parse(loader, file, what)
  const out = new Map<string, ComposeService>()
  const add = (s: ComposeService, where: string) => {
    const other = out.get(s.name)
    if (other)
      throw new UsageError(
        `${where}: service ${s.name} is defined by both ${other.file} and ${s.file} (compose refuses a service defined twice)`
      )
    out.set(s.name, s)
  }
  const include = (yaml.value as { include?: unknown } | null)?.include
  if (include !== undefined && include !== null && !Array.isArray(include))
    throw new UsageError(`${file}: include: is not a list`)
  for (const [i, item] of (include ?? []).entries()) {
    const line = yaml.line(['include', i])
    const where = `${file}${line ? ` line ${line}` : ''}, include`
    const long =
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : undefined
    const paths = strings(long ? long.path : item).map((p) => {
      const v = interp(loader, p, ctx.vars, where)
      return isAbsolute(v) ? v : join(ctx.dir, v)
    })
    if (paths.length === 0) throw new UsageError(`${where}: needs a path`)
    const projectDir =
      long?.project_directory !== undefined
        ? join(ctx.dir, interp(loader, String(long.project_directory as string), ctx.vars, where))
        : dirname(paths[0])
    const envFiles =
      long?.env_file !== undefined
        ? strings(long.env_file).map((p) => ({
            path: join(ctx.dir, interp(loader, p, ctx.vars, where)),
            required: true
          }))
        : [{ path: join(projectDir, '.env'), required: false }]
    const included = { vars: projectVars(loader, envFiles), dir: projectDir }
    // Files of one include are merged as compose merges -f files: later ones override.
    const merged = new Map<string, ComposeService>()
    for (const p of paths) {
      if ([...stack, file].includes(p))
        throw new UsageError(
          `${where}: a cycle: ${[...stack, file, p].map(shortName).join(' includes ')}`
        )
      for (const s of loadServices(loader, p, included, [...stack, file], `${where}:`).values())
        mergeInto(merged, s)
    }
    for (const s of merged.values()) add(s, where)
  }
  for (const name of Object.keys(servicesOf(file, yaml)))
    add(resolveService(loader, file, name, ctx, []), `${file}`)
  return out
}

/**
 * The project of compose files (`docker compose -f a.yml -f b.yml`: the later ones merged over
 * the first, their paths relative to its folder, its .env theirs): the services (includes and
 * extends followed), the profiles enabled (`profiles` given, else COMPOSE_PROFILES from the
 * environment or the .env file).
 */
export function loadComposeProject(
  files: string | readonly string[],
  profiles: readonly string[] = [],
  environment: NodeJS.ProcessEnv = process.env
): ComposeProject {
  const [file, ...overrides] = typeof files === 'string' ? [files] : files
  const loader: Loader = { environment, unset: new Set(), parsed: new Map() }
  const dir = dirname(file)
  const vars = projectVars(loader, [{ path: join(dir, '.env'), required: false }])
  const services = loadServices(loader, file, { vars, dir }, [])
  const yaml = loader.parsed.get(file)!
  if (services.size === 0 && (yaml.value as { include?: unknown } | null)?.include === undefined)
    throw new UsageError(`${file}: no services: (a compose file lists its containers there)`)
  for (const override of overrides)
    for (const s of loadServices(loader, override, { vars, dir }, []).values())
      mergeInto(services, s)
  // A service reset with none before it to remove is not there either.
  for (const [name, s] of services) if (s.tag === '!reset') services.delete(name)
  const enabled =
    profiles.length > 0
      ? [...profiles]
      : (vars.get('COMPOSE_PROFILES') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
  return { file, services, profiles: enabled, unset: loader.unset }
}
