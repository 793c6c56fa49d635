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
