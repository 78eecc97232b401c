// The one way tests reach past the Engine facade to its private parts, for what no client or
// contract method can do or show: a replication tick at a chosen time, a group's members and
// stored offsets, a transaction marker written straight into the log tables, a cleaner pass
// on demand. Element access keeps the types checked: renaming a part breaks these tests when
// they compile, not when they run.
import type { Engine } from '../../src/engine/engine'

export function engineInternals(engine: Engine) {
  return {
    db: engine['parts'].db,
    logs: engine['parts'].logs,
    replication: engine['parts'].replication,
    coordinator: engine['parts'].groups.coordinator,
    cleaner: engine['parts'].cleaner,
    signals: engine['parts'].signals
  }
}
