export {
  startSandbox,
  DEFAULT_SOAP_PATH,
  type SandboxOptions,
  type RunningSandbox,
  type SandboxCredentials,
} from './sandbox.js';
export type { SandboxAdmin } from './admin.js';
export type { FaultRule, FaultRuleInput, FaultScope, FaultProtocol, MalformedBody } from './faults.js';
export type { AuthSettings } from './service/auth.js';
export type { SentMessage } from './service/outbox.js';
export { SANDBOX_OPERATIONS, type SandboxOperation, restEndpointsOf } from './operations/index.js';
export { NOT_EMULATED } from './operations/not-emulated.js';
export {
  type SandboxSeed,
  type DemoCredentials,
  DEFAULT_SEED_PATH,
  readSeedFile,
  demoCredentials,
} from './store/seed.js';
export type * from './store/records.js';
export { ServiceError, SandboxSeedError, type ServiceErrorKind, type RestErrorCode } from './errors.js';
export { parseX12, isaSegment, type X12Interchange } from './x12.js';
export { REST_API_VERSION, CLIENT_KEY_API_VERSION } from './rest/front.js';
