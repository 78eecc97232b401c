// The partition of a coordinator's internal topic (__consumer_offsets, __transaction_state)
// holding a key's records, as Kafka places it: abs(String.hashCode(key)) % partitions.

export function coordinatorPartition(key: string, partitions = 50): number {
  let h = 0
  for (let i = 0; i < key.length; i++) h = (Math.imul(31, h) + key.charCodeAt(i)) | 0
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions
}
