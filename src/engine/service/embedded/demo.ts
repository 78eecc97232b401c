// Embedded backend, demo area: loading the demo, its clients' status, pausing a demo group.
import type { demoParams, DemoStatus } from '../../../shared/api/demo'
import { ApiError } from '../../../shared/errors'
import type { DemoHandle } from '../../demo/demo-data'
import type { Area } from '../backend'

export interface DemoControl {
  /** Starts the demo (once; later calls return the running demo). */
  load(): Promise<{ topics: string[]; groups: string[] }>
  /** The running demo, or null before it is loaded. */
  running(): Promise<DemoHandle | null>
}

const notLoaded: DemoStatus = { loaded: false, producer: null, consumers: [] }

export function embeddedDemo(control: DemoControl | undefined): Area<typeof demoParams> {
  const unavailable = () =>
    new ApiError('UNAVAILABLE', 'Demo data needs the Kafka listeners of logdeck serve or the app')
  async function loaded(): Promise<DemoHandle> {
    if (!control) throw unavailable()
    const demo = await control.running()
    if (!demo) throw new ApiError('CONFLICT', 'The demo is not loaded: load the demo data first')
    return demo
  }
  async function toggle(groupId: 'demo-fulfillment' | 'demo-analytics', pause: boolean) {
    const demo = await loaded()
    try {
      await (pause ? demo.pause(groupId) : demo.resume(groupId))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      throw new ApiError(
        'UNAVAILABLE',
        `Could not ${pause ? 'pause' : 'resume'} ${groupId}: ${message}`
      )
    }
    return demo.status()
  }
  return {
    'demo.load': () => (control ? control.load() : Promise.reject(unavailable())),
    'demo.status': async () =>
      control ? ((await control.running())?.status() ?? notLoaded) : notLoaded,
    'demo.pauseGroup': ({ groupId }) => toggle(groupId, true),
    'demo.resumeGroup': ({ groupId }) => toggle(groupId, false)
  }
}
