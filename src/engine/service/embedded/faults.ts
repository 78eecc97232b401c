// Embedded backend, faults area: a fault's target must exist (a group need not yet: groups
// appear when their first member joins).
import type { faultsParams } from '../../../shared/api/faults'
import { ApiError } from '../../../shared/errors'
import type { Engine } from '../../engine'
import type { Area } from '../backend'

export function embeddedFaults(engine: Engine): Area<typeof faultsParams> {
  return {
    'faults.inject': async (spec) => {
      const { brokerId, topic, partition } = spec.target
      if (brokerId !== undefined && !engine.broker(brokerId))
        throw new ApiError(
          'BAD_REQUEST',
          `There is no broker ${brokerId} (the brokers are ${engine.brokerIds().join(', ')})`,
          'target.brokerId'
        )
      if (topic !== undefined) {
        const t = engine.topic(topic)
        if (!t) throw new ApiError('BAD_REQUEST', `There is no topic '${topic}'`, 'target.topic')
        if (partition !== undefined && partition >= t.partitions.length)
          throw new ApiError(
            'BAD_REQUEST',
            `Topic '${topic}' has no partition ${partition} (it has ${t.partitions.length})`,
            'target.partition'
          )
      }
      return engine.injectFault(spec)
    },
    'faults.list': async () => ({ faults: engine.listFaults() }),
    'faults.clear': async ({ id }) => {
      if (id !== undefined && !engine.listFaults().some((f) => f.id === id))
        throw new ApiError('NOT_FOUND', `There is no fault '${id}'`, 'id')
      return { cleared: engine.clearFaults(id) }
    }
  }
}
