// Public surface of the RecordBatch v2 codec.
export * from './batch-header'
export * from './compression'
export * from './crc'
export * from './errors'
export * from './record'
export * from './record-batch'
export * from './split'
export * from './varint'
