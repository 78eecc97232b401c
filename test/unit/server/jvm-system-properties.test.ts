// The Java system properties a broker's JVM options give (-Dname=value in KAFKA_OPTS and the
// other variables Kafka's start script puts on the java command line, in its order, the last one
// winning), and how a JAAS file's ${name} is expanded with them: the JVM's own properties and an
// undefined one refused, the Linux separators served.
import { describe, expect, it } from 'vitest'
import {
  jvmOptionWords,
  systemPropertiesOf,
  systemPropertyLookup
} from '../../../src/server/jvm-system-properties'

describe('systemPropertiesOf', () => {
  it("takes KAFKA_OPTS' words as kafka-run-class.sh's unquoted $KAFKA_OPTS gives them, quotes and backslashes kept", () => {
    // The shell splits an unquoted variable at blanks only; the JVM itself reads
    // JAVA_TOOL_OPTIONS, taking quotes away, backslashes kept.
    const props = systemPropertiesOf([
      { name: 'KAFKA_OPTS', value: `-Dapp.pw='s3cret' -Dq="a b" -De=c\\ d`, where: 'env line 2' },
      { name: 'JAVA_TOOL_OPTIONS', value: `-Dtool='t v' -Dslash=x\\y`, where: 'env line 1' }
    ])
    expect(Object.fromEntries([...props].map(([n, p]) => [n, p.value]))).toEqual({
      tool: 't v',
      slash: 'x\\y',
      'app.pw': "'s3cret'",
      q: '"a',
      e: 'c\\'
    })
  })

  it('reads -D options of every JVM options variable, in the java command line order', () => {
    const props = systemPropertiesOf([
      {
        name: 'KAFKA_OPTS',
        value: '-Dapp.pw="a b" -Dflag -Xmx1g -Dapp.pw=second',
        where: 'env line 3'
      },
      { name: 'KAFKA_HEAP_OPTS', value: '-Xmx1G -Dapp.pw=heap -Dheap.only=1', where: 'env line 1' },
      { name: 'JAVA_TOOL_OPTIONS', value: "-Dtool='t v'", where: 'env line 9' },
      { name: 'KAFKA_LOG4J_ROOT_LOGLEVEL', value: '-Dnot.jvm=1', where: 'env line 4' }
    ])
    expect(Object.fromEntries([...props].map(([n, p]) => [n, [p.value, p.where]]))).toEqual({
      tool: ['t v', 'JAVA_TOOL_OPTIONS of env line 9'],
      'heap.only': ['1', 'KAFKA_HEAP_OPTS of env line 1'],
      // KAFKA_OPTS comes last on the command line, and the last -D of a name wins.
      'app.pw': ['second', 'KAFKA_OPTS of env line 3'],
      flag: ['', 'KAFKA_OPTS of env line 3']
    })
    expect(jvmOptionWords(`-Da="x \\" y" -Db=c\\ d '-De=$f'`)).toEqual([
      '-Da=x " y',
      '-Db=c d',
      '-De=$f'
    ])
  })
})

describe('systemPropertyLookup', () => {
  const props = systemPropertiesOf([
    { name: 'KAFKA_OPTS', value: '-Dapp.pw=s3cret -Duser.home=/home/kafka', where: 'env line 2' }
  ])
  const used = new Map()
  const lookup = systemPropertyLookup(props, 'KAFKA_OPTS of env', used)

  it('gives the -D values, recording each taken, and the Linux separators', () => {
    expect(lookup('app.pw')).toEqual({ value: 's3cret' })
    // A -D option gives even a property the JVM sets itself.
    expect(lookup('user.home')).toEqual({ value: '/home/kafka' })
    expect([...used.keys()]).toEqual(['app.pw', 'user.home'])
    expect(lookup('file.separator')).toEqual({ value: '/' })
    expect(lookup('path.separator')).toEqual({ value: ':' })
  })

  it("refuses the JVM's own properties and Kafka's start script's, and an undefined one as Java does", () => {
    expect(lookup('java.home')).toEqual({
      why: 'the JVM sets it itself (its installation, platform, user or folders), and Logdeck runs no JVM: write the value itself, or give it with -Djava.home=VALUE in KAFKA_OPTS'
    })
    for (const name of ['user.dir', 'os.name', 'java.io.tmpdir', 'file.encoding'])
      expect(lookup(name)).toMatchObject({ why: expect.stringMatching(/^the JVM sets it itself/) })
    expect(lookup('kafka.logs.dir')).toMatchObject({
      why: expect.stringMatching(/^Kafka's start script \(kafka-run-class\.sh\) sets it/)
    })
    expect(lookup('app.user')).toEqual({
      why: 'no -Dapp.user=VALUE is given (KAFKA_OPTS of env), and Java refuses to expand an undefined property ("unable to expand property app.user"), so Kafka would not start'
    })
  })
})
