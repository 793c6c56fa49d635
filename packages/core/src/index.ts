export { EcgridError, ConfigurationError, sanitizeCause, type EcgridErrorOptions } from './errors.js';
export { Redactor, REDACTED, isSensitiveKey, redactHeaders, maskTokenShapes } from './redaction.js';
export { type Clock, systemClock, ManualClock } from './clock.js';
export { PASSWORD_PATTERN, satisfiesPasswordRule, assertPasswordRule, PasswordRuleError } from './password.js';
export { SingleFlight } from './single-flight.js';
export { type EventListener, emitSafely } from './events.js';
export {
  ENV,
  DEFAULT_SOAP_URL,
  DEFAULT_REST_URL,
  type EnvConfig,
  readEnvConfig,
  assertHttpUrl,
  isLoopbackHost,
} from './env.js';
export {
  type CredentialStore,
  type CredentialStoreEvent,
  type CredentialStoreMetrics,
  type StoredCredential,
  type Lease,
  type UnavailablePolicy,
  CredentialStoreUnavailableError,
  CredentialWaitError,
  credentialKey,
  emptyMetrics,
} from './credentials/store.js';
export { MemoryCredentialStore, type MemoryCredentialStoreOptions, ChangeWaiters, countEvent } from './credentials/memory-store.js';
export {
  SharedCredential,
  type SharedCredentialOptions,
  type HeldCredential,
  type AcquiredCredential,
  type RenewCause,
  DEFAULT_LEASE_MS,
} from './credentials/shared-credential.js';
export { type OutgoingRequest, type RequestHook, hookHeaders, withHookHeaders } from './request-hook.js';
export { type JsonValueStore, jsonValues } from './credentials/json-values.js';
