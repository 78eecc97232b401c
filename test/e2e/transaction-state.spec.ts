// __transaction_state in the console: a kafkajs transactional producer commits a transaction, and
// the message browser shows the transactional id's records decoded into Kafka's JSON of them: the
// Empty of InitProducerId, then the Ongoing that lists the transaction's partitions.
import { Kafka, logLevel } from 'kafkajs'
import { test, expect } from './fixtures'
import { coordinatorPartition } from './support/coordinator-partition'

const TXN_ID = 'ledger-writer'

test('decodes a transactional id’s records of __transaction_state', async ({
  shell,
  browse,
  api,
  server
}) => {
  await api.createTopic('ledger', 2, 1)
  const kafka = new Kafka({ brokers: server.bootstrap.split(','), logLevel: logLevel.NOTHING })
  const producer = kafka.producer({ transactionalId: TXN_ID, maxInFlightRequests: 1 })
  await producer.connect()
  const txn = await producer.transaction()
  await txn.send({
    topic: 'ledger',
    messages: [
      { key: 'a', value: 'debit', partition: 0 },
      { key: 'b', value: 'credit', partition: 1 }
    ]
  })
  await txn.commit()
  await producer.disconnect()

  const partition = coordinatorPartition(TXN_ID)
  await shell.open(`#/messages?topic=__transaction_state&partition=${partition}`)
  const m = browse.ui
  // InitProducerId: Empty (status 0), no partitions.
  await m.row(partition, 0).click()
  await expect(m.coordinatorRecord).toHaveText('TransactionLog')
  await expect(m.detail).toContainText(`"transactionalId":"${TXN_ID}"`)
  await expect(m.detail).toContainText(/"transactionStatus":\s*0/)
  await expect(m.detail).toContainText(/"transactionPartitions":\s*null/)
  // The first AddPartitionsToTxn: Ongoing (status 1) with its partition of ledger.
  await m.row(partition, 1).click()
  await expect(m.coordinatorRecord).toHaveText('TransactionLog')
  await expect(m.detail).toContainText(/"transactionStatus":\s*1/)
  await expect(m.detail).toContainText(/"topic":\s*"ledger"/)
  await expect(m.detail).toContainText(/"partitionIds":\s*\[/)
  await shell.screenshot('transaction-state-ongoing')
})
