// TCP forwarders for scripts/kafkajs-suite.sh. Each argument FROM=TO listens on 127.0.0.1:FROM
// and pipes to TO (HOST:PORT); FROM=PLAIN/TLS sends a connection whose first byte opens a TLS
// record (0x16, a ClientHello) to TLS and any other (a Kafka request's size) to PLAIN.
import net from 'node:net'

const target = (address) => {
  const i = address.lastIndexOf(':')
  return { host: address.slice(0, i), port: Number(address.slice(i + 1)) }
}

const pipe = (client, address, first) => {
  const upstream = net.connect(target(address))
  upstream.write(first)
  client.pipe(upstream).pipe(client)
  client.on('error', () => upstream.destroy())
  upstream.on('error', () => client.destroy())
  client.resume()
}

for (const pair of process.argv.slice(2)) {
  const [from, to] = pair.split('=')
  const [plain, tls = plain] = to.split('/')
  net
    .createServer((client) => {
      client.once('data', (first) => {
        client.pause()
        pipe(client, first[0] === 0x16 ? tls : plain, first)
      })
      client.on('error', () => client.destroy())
    })
    .listen(Number(from), '127.0.0.1', () => console.log(`forward ${from} -> ${to}`))
}
