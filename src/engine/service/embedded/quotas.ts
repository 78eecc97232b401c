// Embedded backend, quotas area: the client quotas the Kafka listeners enforce, and their use.
import type { QuotaUseInfo, quotasParams } from '../../../shared/api/quotas'
import type { Engine } from '../../engine'
import type { Area } from '../backend'

function quotasOf(engine: Engine) {
  return {
    quotas: engine.clientQuotas(),
    use: engine.quotaUse().map((u): QuotaUseInfo => ({
      ...u,
      rate: u.key.endsWith('_byte_rate') ? Math.round(u.rate) : Math.round(u.rate * 100) / 100,
      bytesPerSec: u.key.endsWith('_byte_rate') ? Math.round(u.rate) : 0
    }))
  }
}

export function embeddedQuotas(engine: Engine): Area<typeof quotasParams> {
  return {
    'quotas.list': async () => quotasOf(engine),
    'quotas.alter': async ({ entity, values }) => {
      engine.alterClientQuotas([{ entity, values }])
      return quotasOf(engine)
    }
  }
}
