// Connection secrets (SASL passwords, TLS private keys, schema registry passwords) at rest: a JSON file in the data folder
// readable only by the user (0600), each value passed through a cipher. The desktop app gives
// a cipher backed by Electron's safeStorage; headless mode stores them as they are.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface ConnectionSecrets {
  password?: string
  /** TLS private key (PEM). */
  key?: string
  /** The schema registry's basic-auth password. */
  registryPassword?: string
}

const SECRET_FIELDS = ['password', 'key', 'registryPassword'] as const
type SecretField = (typeof SECRET_FIELDS)[number]

/** Turns a secret into what is stored and back. */
export interface SecretCipher {
  /** Written into the file so that a file from another cipher is recognised. */
  readonly name: string
  encrypt(plain: string): string
  decrypt(stored: string): string
}

const plainCipher: SecretCipher = { name: 'none', encrypt: (s) => s, decrypt: (s) => s }

export const SECRETS_FILE = 'connection-secrets.json'

interface SecretsFile {
  cipher: string
  secrets: Record<string, ConnectionSecrets>
}

export class SecretStore {
  private readonly file: string | null
  private readonly cipher: SecretCipher
  private data: SecretsFile

  /** `dataDir` ':memory:' keeps the secrets in memory only. */
  constructor(dataDir: string, cipher: SecretCipher = plainCipher) {
    this.cipher = cipher
    this.file = dataDir === ':memory:' ? null : join(dataDir, SECRETS_FILE)
    this.data = { cipher: cipher.name, secrets: {} }
    if (this.file && existsSync(this.file)) {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as SecretsFile
      if (parsed.cipher !== cipher.name)
        throw new Error(
          `${this.file} was written with the '${parsed.cipher}' cipher, not '${cipher.name}': its secrets cannot be read here`
        )
      this.data = parsed
    }
  }

  get(id: string): ConnectionSecrets {
    const stored = this.data.secrets[id] ?? {}
    const out: ConnectionSecrets = {}
    for (const field of SECRET_FIELDS)
      if (stored[field] !== undefined) out[field] = this.cipher.decrypt(stored[field])
    return out
  }

  /** Which secrets are set, without reading them. */
  has(id: string): Record<SecretField, boolean> {
    const s = this.data.secrets[id]
    return {
      password: s?.password !== undefined,
      key: s?.key !== undefined,
      registryPassword: s?.registryPassword !== undefined
    }
  }

  /** Sets the given secrets; `null` removes one, `undefined` keeps it. */
  update(id: string, change: Partial<Record<SecretField, string | null>>): void {
    const next: ConnectionSecrets = { ...this.data.secrets[id] }
    for (const field of SECRET_FIELDS) {
      const v = change[field]
      if (v === null) delete next[field]
      else if (v !== undefined) next[field] = this.cipher.encrypt(v)
    }
    if (SECRET_FIELDS.every((f) => next[f] === undefined)) delete this.data.secrets[id]
    else this.data.secrets[id] = next
    this.save()
  }

  delete(id: string): void {
    if (!(id in this.data.secrets)) return
    delete this.data.secrets[id]
    this.save()
  }

  private save(): void {
    if (!this.file) return
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 })
    chmodSync(tmp, 0o600)
    renameSync(tmp, this.file)
  }
}
