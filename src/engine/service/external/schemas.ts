// External backend, schemas area: the connection's own schema registry, reached over its REST
// API. Compatibility verdicts are worked out here from its versions, with the same rules and
// words as the built-in registry, and registering leaves the last word to the registry.
import type {
  CompatibilityVerdict,
  SubjectSummary,
  schemasParams
} from '../../../shared/api/schemas'
import { ApiError } from '../../../shared/errors'
import { loadFormat } from '../../registry/formats'
import { compatibilityProblems, versionsChecked } from '../../registry/compatibility'
import { RegistryError } from '../../registry/registry-error'
import type { RemoteRegistry } from '../../registry/remote/remote-registry'
import { diffRows, schemaText } from '../../registry/schema-diff'
import type { Area } from '../backend'
import { subjectTopics, translated, versionInfo, withMessages } from '../schema-views'

export function externalSchemas(
  remote: RemoteRegistry,
  topicNames: () => Promise<Set<string>>
): Area<typeof schemasParams> {
  const liveVersions = async (subject: string): Promise<Set<number>> => {
    try {
      return new Set(await remote.versions(subject))
    } catch (err) {
      if (err instanceof RegistryError && err.reason === 'SUBJECT_NOT_FOUND') return new Set()
      throw err
    }
  }
  const versions = async (subject: string, withDeleted: boolean) => {
    const live = await liveVersions(subject)
    const numbers = await remote.versions(subject, { deleted: withDeleted })
    return Promise.all(
      numbers.map(async (n) =>
        versionInfo(await remote.getVersion(subject, n, { deleted: true }), !live.has(n))
      )
    )
  }
  const verdict = async (
    subject: string,
    input: Parameters<RemoteRegistry['parse']>[0]
  ): Promise<CompatibilityVerdict> => {
    const candidate = await remote.parse(input)
    const level = await remote.compatibility(subject)
    const existing = await remote.lookup(subject, input)
    if (existing)
      return {
        compatible: true,
        level,
        checkedVersions: [],
        problems: [],
        existing: { version: existing.version, id: existing.id }
      }
    const live = [...(await liveVersions(subject))].sort((a, b) => a - b)
    const checked = versionsChecked(
      level,
      live.map((version) => ({ version }))
    )
    const previous = await Promise.all(
      checked.map(async ({ version }) => ({
        version,
        schema: await remote.parsedById((await remote.getVersion(subject, version)).id)
      }))
    )
    const problems = compatibilityProblems(
      await loadFormat(candidate.type),
      level,
      candidate,
      previous
    )
    return {
      compatible: problems.length === 0,
      level,
      checkedVersions: checked.map((c) => c.version),
      problems
    }
  }
  return {
    'schemas.subjects': ({ deleted }) =>
      translated(async () => {
        const [topics, all, live, compatibility] = await Promise.all([
          topicNames(),
          remote.subjects({ deleted }),
          remote.subjects(),
          remote.compatibility()
        ])
        const liveSet = new Set(live)
        const subjects = await Promise.all(
          all.map(async (subject): Promise<SubjectSummary> => {
            const [vs, own] = await Promise.all([
              versions(subject, true),
              remote.subjectCompatibility(subject)
            ])
            const shown = vs.filter((v) => !v.deleted)
            const latest = shown.at(-1) ?? vs.at(-1)!
            return {
              subject,
              type: latest.type,
              latestVersion: latest.version,
              latestId: latest.id,
              versionCount: shown.length,
              compatibility: own ?? compatibility,
              ownCompatibility: own,
              topics: subjectTopics(subject, topics),
              deleted: !liveSet.has(subject)
            }
          })
        )
        return { compatibility, subjects }
      }),
    'schemas.versions': ({ subject, deleted }) =>
      translated(async () => {
        const [all, own, level, topics] = await Promise.all([
          versions(subject, deleted ?? false),
          remote.subjectCompatibility(subject),
          remote.compatibility(subject),
          topicNames()
        ])
        return {
          subject,
          compatibility: level,
          ownCompatibility: own,
          topics: subjectTopics(subject, topics),
          versions: await withMessages(all, (id) => remote.parsedById(id))
        }
      }),
    'schemas.compare': ({ subject, left, right }) =>
      translated(async () => {
        const live = await liveVersions(subject)
        const get = async (n: number, field: string) => {
          try {
            return versionInfo(await remote.getVersion(subject, n, { deleted: true }), !live.has(n))
          } catch (err) {
            if (err instanceof RegistryError && err.reason === 'VERSION_NOT_FOUND')
              throw new ApiError('NOT_FOUND', `Subject '${subject}' has no version ${n}`, field)
            throw err
          }
        }
        const [a, b] = [await get(left, 'left'), await get(right, 'right')]
        return {
          left: a,
          right: b,
          rows: await diffRows(schemaText(a.type, a.schema), schemaText(b.type, b.schema))
        }
      }),
    'schemas.check': ({ subject, ...input }) => translated(() => verdict(subject, input)),
    'schemas.register': ({ subject, ...input }) =>
      translated(async () => {
        try {
          const v = await remote.register(subject, input)
          return { subject, version: v.version, id: v.id, type: v.schemaType }
        } catch (err) {
          // The registry's own refusal, explained with the rules it breaks where they are known.
          if (!(err instanceof RegistryError) || err.reason !== 'INCOMPATIBLE_SCHEMA') throw err
          const v = await verdict(subject, input).catch(() => null)
          throw v && v.problems.length > 0
            ? new RegistryError('INCOMPATIBLE_SCHEMA', err.message, v.problems)
            : err
        }
      }),
    'schemas.setCompatibility': ({ subject, level }) =>
      translated(async () => {
        if (level === null) await remote.deleteCompatibility(subject!)
        else await remote.setCompatibility(subject, level)
        return {
          ...(subject !== undefined ? { subject } : {}),
          compatibility: await remote.compatibility(subject),
          ownCompatibility:
            subject === undefined ? level : await remote.subjectCompatibility(subject)
        }
      }),
    'schemas.delete': ({ subject, version, permanent }) =>
      translated(async () => ({
        subject,
        permanent: permanent ?? false,
        versions:
          version === undefined
            ? await remote.deleteSubject(subject, permanent ?? false)
            : [await remote.deleteVersion(subject, version, permanent ?? false)]
      }))
  }
}
