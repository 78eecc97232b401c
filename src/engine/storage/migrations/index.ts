// The schema's numbered migrations, applied in order; the database records the last applied.
import m001 from './001-cluster'

export const migrations: readonly string[] = [m001]
