// Connection secrets at rest in the desktop app: encrypted with Electron's safeStorage (the
// OS keychain's key), stored as base64. Without an encryption backend secrets are refused
// rather than written in clear.
import { safeStorage } from 'electron'
import type { SecretCipher } from '../engine/service/connections/secrets'

export function safeStorageCipher(): SecretCipher {
  return {
    name: 'electron-safeStorage',
    encrypt(plain) {
      if (!safeStorage.isEncryptionAvailable())
        throw new Error('The system keychain is not available: secrets cannot be saved encrypted')
      return safeStorage.encryptString(plain).toString('base64')
    },
    decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64'))
  }
}
