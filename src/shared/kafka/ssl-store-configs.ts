// Kafka's configs of a broker's TLS key store and trust store (as files, or as PEM in the config):
// read by logdeck serve and startCluster, and described from the running configuration.
export const KAFKA_SSL_STORE_CONFIGS = [
  'ssl.keystore.type',
  'ssl.keystore.location',
  'ssl.keystore.password',
  'ssl.key.password',
  'ssl.keystore.certificate.chain',
  'ssl.keystore.key',
  'ssl.truststore.type',
  'ssl.truststore.location',
  'ssl.truststore.password',
  'ssl.truststore.certificates'
] as const
