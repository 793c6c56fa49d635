import type { PlainFormat } from '../plain.js';
import type { RestRequest } from '../types.js';
import { callOptions, type CallOptions } from './common.js';

/** Sends a request whose answer has no ECGrid envelope (see `RestClient.requestPlain`). */
export type PlainCall = <T>(request: RestRequest & { format?: PlainFormat }) => Promise<T>;

/** seed 003: `GET api/api-info`, plain JSON describing the API. Its fields are the server's; none is guaranteed. */
export type ApiInfo = Record<string, unknown>;

/**
 * The client key/secret API of seed 003 (`Eagle-Api-Key` header or a JWT from `api/request-token`). Its answers are
 * plain JSON or plain text, and its errors `{"error":"invalid_client","message":…}`. Use it with `clientKeyAuth`
 * or `tokenExchangeAuth`; the token request itself is made by `tokenExchangeAuth`.
 */
export interface ClientKeyApiEndpoints {
  apiInfo(options?: CallOptions): Promise<ApiInfo>;
}

export const CLIENT_KEY_API_PATHS = { apiInfo: 'api/api-info', requestToken: 'api/request-token' } as const;

export function clientKeyApiEndpoints(plain: PlainCall): ClientKeyApiEndpoints {
  return {
    apiInfo: (options) => plain<ApiInfo>({ method: 'GET', path: CLIENT_KEY_API_PATHS.apiInfo, format: 'json', ...callOptions(options) }),
  };
}
