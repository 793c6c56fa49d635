export { createRestClient, DEFAULT_TIMEOUT_MS, type RestClient, type RestClientOptions, type PlainRequest } from './client.js';
export {
  REST_ERROR_CODES,
  REST_ERROR_HTTP_STATUS,
  isRestErrorCode,
  RestApiError,
  RestOutcomeUnknownError,
  RestAuthError,
  RestRequestRefusedError,
  RestDestinationError,
  type RestErrorCode,
  type RestFailureKind,
  type RestApiErrorDetails,
  type OutcomeUnknownTrigger,
  type RefusalReason,
} from './errors.js';
export { decodeEnvelope, peekErrorCode, bodyText, type RestEnvelope, type DecodeContext } from './envelope.js';
export { decodePlain, PLAIN_AUTH_ERROR_CODES, type PlainFormat } from './plain.js';
export {
  DEFAULT_RETRY,
  DEFAULT_MIN_DELAY_MS,
  timerSleep,
  backoffDelay,
  minimumPause,
  retryAfterDelay,
  parseRetryAfter,
  retryReason,
  type RetryOptions,
  type RetryReason,
  type Sleep,
} from './retry.js';
export {
  DOWNLOAD_ACCEPT,
  DEFAULT_MAX_JSON_BYTES,
  parcelContentBytes,
  type DownloadDestination,
  type DownloadOptions,
  type DownloadResult,
} from './download.js';
export type {
  HttpMethod,
  QueryValue,
  RestRequest,
  HttpRequest,
  HttpResponse,
  BufferedResponse,
  SendNext,
  RestEvent,
} from './types.js';

export type { AuthKind, AuthStrategy, AuthTransport, BareRequest } from './auth/types.js';
export { apiKeyAuth, type ApiKeyAuth, type ApiKeyAuthOptions } from './auth/api-key.js';
export {
  clientKeyAuth,
  DEFAULT_CLIENT_KEY_HEADER,
  DEFAULT_API_VERSION,
  type ClientKeyAuth,
  type ClientKeyOptions,
} from './auth/client-key.js';
export { jwtAuth, type JwtAuth, type JwtAuthOptions, type JwtSession } from './auth/jwt.js';
export {
  tokenExchangeAuth,
  DEFAULT_TOKEN_PATH,
  type TokenExchangeAuth,
  type TokenExchangeAuthOptions,
} from './auth/token-exchange.js';
export { DEFAULT_REFRESH_WINDOW_MS, type HeldToken } from './auth/token-keeper.js';

export { createEndpoints, type RestEndpoints } from './endpoints/index.js';
export { DEFAULT_PATHS, resolvePaths, type EndpointName, type RestPaths } from './endpoints/paths.js';
export type {
  OpenString,
  EndpointCall,
  IsoDateTime,
  LongId,
  EcgridStatus,
  AuthLevel,
  EdiStandard,
  RoutingGroup,
  ParcelStatus,
  CallOptions,
} from './endpoints/common.js';
export * from './endpoints/auth.js';
export * from './endpoints/users.js';
export * from './endpoints/networks.js';
export * from './endpoints/mailboxes.js';
export * from './endpoints/ids.js';
export * from './endpoints/partners.js';
export * from './endpoints/parcels.js';
export * from './endpoints/interchanges.js';
export * from './endpoints/client-key-api.js';
