// `logdeck serve --compose FILE [--compose-service NAME] [--compose-profile NAME]`: the Kafka of a
// docker-compose file served without Docker. The project is loaded as compose loads it
// (compose-merge.ts: includes, extends, profiles); the service served is the one named, or the
// one active service whose image is apache/kafka, confluentinc/cp-kafka or bitnami/kafka, read
// as its image reads its environment (compose-service.ts). Several such services are served as
// one cluster, a broker each (compose-cluster.ts). A mistake is a UsageError naming the file,
// the service and the variable.
import { UsageError } from './cli-errors'
import { clusterProperties } from './compose-cluster'
import { imageFlavour, KAFKA_IMAGES } from './compose-environment'
import { isActive, loadComposeProject, type ComposeService } from './compose-merge'
import { imageOf, readService, serviceProperties, type ComposeProperties } from './compose-service'

export type { ComposeProperties } from './compose-service'

type FlagValues = Record<string, string | string[] | boolean | undefined>

/**
 * The Kafka of a compose file as server.properties settings, the command line winning:
 * `serviceName`'s, the one Kafka service's, or several Kafka services' as one cluster.
 */
export function readComposeFile(
  files: string | readonly string[],
  serviceName: string | undefined,
  commandLine: FlagValues,
  environment: NodeJS.ProcessEnv = process.env,
  profiles: readonly string[] = []
): ComposeProperties {
  const project = loadComposeProject(files, profiles, environment)
  const file = project.file
  const all = [...project.services.values()]
  const image = (s: ComposeService) => imageOf(project, s)
  const described = (list: ComposeService[]) =>
    list.map((s) => `${s.name}${image(s) ? ` (${image(s)})` : ''}`).join(', ') || 'none'
  const images = Object.values(KAFKA_IMAGES).flat().join(', ')
  if (serviceName !== undefined) {
    const named = project.services.get(serviceName)
    if (!named)
      throw new UsageError(
        `${file}: no service ${serviceName} (--compose-service); the services are ${described(all)}`
      )
    // Named, it is served whatever its profiles, as `docker compose up NAME` starts it.
    return serviceProperties(readService(project, named), commandLine)
  }
  const isKafka = (s: ComposeService) => imageFlavour(image(s) ?? '') !== undefined
  const active = all.filter((s) => isActive(s, project.profiles))
  const kafkas = active.filter(isKafka)
  const inactive = all.filter((s) => !isActive(s, project.profiles) && isKafka(s))
  const inactiveText = inactive
    .map((s) => `${s.name} (profiles ${s.profiles.join(', ')})`)
    .join(', ')
  if (kafkas.length === 0)
    throw new UsageError(
      `${file}: no ${inactive.length > 0 ? 'active ' : ''}service runs ${images} (the services are ${described(active)})` +
        (inactive.length > 0
          ? `; ${inactiveText} ${inactive.length === 1 ? 'is' : 'are'} inactive: enable a profile with --compose-profile NAME or COMPOSE_PROFILES, or name the service with --compose-service`
          : '; name one with --compose-service')
    )
  const props =
    kafkas.length === 1
      ? serviceProperties(readService(project, kafkas[0]), commandLine)
      : clusterProperties(project, kafkas, commandLine)
  const merged = typeof files === 'string' ? [] : files.slice(1)
  if (merged.length > 0)
    props.summary.splice(
      1,
      0,
      `merged over it, as docker compose -f merges them: ${merged.join(', ')}`
    )
  const others = active.filter((s) => !isKafka(s))
  if (others.length > 0)
    props.summary.splice(1, 0, `not served, not of a Kafka image: ${described(others)}`)
  if (inactive.length > 0)
    props.summary.splice(
      1,
      0,
      `inactive, their profiles not enabled${project.profiles.length > 0 ? ` (enabled: ${project.profiles.join(', ')})` : ''}: ${inactiveText}`
    )
  return props
}
