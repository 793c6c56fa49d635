export { RedisCredentialStore, type RedisCredentialStoreOptions, REDIS_ENV } from './redis-store.js';
export { CredentialCipher, CredentialDecryptError } from './cipher.js';
