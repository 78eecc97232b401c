// Embedded backend, schemas area: the built-in schema registry as the console's schema views
// use it (the same store the Confluent REST API serves).
import type { SchemaVersionInfo, SubjectSummary, schemasParams } from '../../../shared/api/schemas'
import { ApiError } from '../../../shared/errors'
import type { Engine } from '../../engine'
import type { SchemaRegistry } from '../../registry/registry'
import { RegistryError } from '../../registry/registry-error'
import { diffRows, schemaText } from '../../registry/schema-diff'
import type { Area } from '../backend'
import { subjectTopics, translated, versionInfo, withMessages } from '../schema-views'

export function embeddedSchemas(
  engine: Engine,
  registry: SchemaRegistry
): Area<typeof schemasParams> {
  const topicNames = () => new Set(engine.listTopics().map((t) => t.name))
  /** The subject's live versions (none when every one is soft-deleted). */
  const liveVersions = (subject: string): Set<number> => {
    try {
      return new Set(registry.versions(subject))
    } catch (err) {
      if (err instanceof RegistryError && err.reason === 'SUBJECT_NOT_FOUND') return new Set()
      throw err
    }
  }
  const versions = (subject: string, withDeleted: boolean): SchemaVersionInfo[] => {
    const live = liveVersions(subject)
    return registry
      .versions(subject, { deleted: withDeleted })
      .map((n) => versionInfo(registry.getVersion(subject, n, { deleted: true }), !live.has(n)))
  }
  return {
    'schemas.subjects': async ({ deleted }) => {
      const topics = topicNames()
      const live = new Set(registry.subjects())
      const subjects = registry.subjects({ deleted }).map((subject): SubjectSummary => {
        const all = versions(subject, true)
        const shown = all.filter((v) => !v.deleted)
        const latest = shown.at(-1) ?? all.at(-1)!
        return {
          subject,
          type: latest.type,
          latestVersion: latest.version,
          latestId: latest.id,
          versionCount: shown.length,
          compatibility: registry.compatibility(subject),
          ownCompatibility: registry.subjectCompatibility(subject),
          topics: subjectTopics(subject, topics),
          deleted: !live.has(subject)
        }
      })
      return { compatibility: registry.compatibility(), subjects }
    },
    'schemas.versions': ({ subject, deleted }) =>
      translated(async () => ({
        subject,
        compatibility: registry.compatibility(subject),
        ownCompatibility: registry.subjectCompatibility(subject),
        topics: subjectTopics(subject, topicNames()),
        versions: await withMessages(versions(subject, deleted ?? false), (id) =>
          registry.parsedById(id)
        )
      })),
    'schemas.compare': ({ subject, left, right }) =>
      translated(async () => {
        registry.versions(subject, { deleted: true })
        const live = liveVersions(subject)
        const get = (n: number, field: string) => {
          try {
            return versionInfo(registry.getVersion(subject, n, { deleted: true }), !live.has(n))
          } catch (err) {
            if (err instanceof RegistryError && err.reason === 'VERSION_NOT_FOUND')
              throw new ApiError('NOT_FOUND', `Subject '${subject}' has no version ${n}`, field)
            throw err
          }
        }
        const a = get(left, 'left')
        const b = get(right, 'right')
        return {
          left: a,
          right: b,
          rows: await diffRows(schemaText(a.type, a.schema), schemaText(b.type, b.schema))
        }
      }),
    'schemas.check': ({ subject, ...input }) =>
      translated(async () => {
        const v = await registry.verdict(subject, input)
        return { compatible: v.problems.length === 0, ...v }
      }),
    'schemas.register': ({ subject, ...input }) =>
      translated(async () => {
        const v = await registry.register(subject, input)
        return { subject, version: v.version, id: v.id, type: v.schemaType }
      }),
    'schemas.setCompatibility': ({ subject, level }) =>
      translated(() => {
        if (level === null) registry.deleteCompatibility(subject)
        else registry.setCompatibility(subject, level)
        return {
          ...(subject !== undefined ? { subject } : {}),
          compatibility: registry.compatibility(subject),
          ownCompatibility: subject === undefined ? level : registry.subjectCompatibility(subject)
        }
      }),
    'schemas.delete': ({ subject, version, permanent }) =>
      translated(() => ({
        subject,
        permanent: permanent ?? false,
        versions:
          version === undefined
            ? registry.deleteSubject(subject, permanent ?? false)
            : [registry.deleteVersion(subject, version, permanent ?? false)]
      }))
  }
}
