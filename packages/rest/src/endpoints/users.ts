import type { RestPaths } from './paths.js';
import {
  callOptions,
  type AuthLevel,
  type CallOptions,
  type EcgridStatus,
  type EndpointCall,
  type IsoDateTime,
  type OpenString,
} from './common.js';

/** rest-api/users/*.md */
/** A user as GET /v2/users/{id}, GET /v2/users/me and POST /v2/users/list return it (UserIDInfo). */
export interface UserInfo {
  userId: number;
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  networkId: number;
  mailboxId: number;
  authLevel: OpenString<AuthLevel>;
  status: OpenString<EcgridStatus>;
  created: IsoDateTime;
}

/** POST /v2/users/list body. */
export interface UserListRequest {
  networkId?: number;
  mailboxId?: number;
  authLevel?: OpenString<AuthLevel>;
  status?: OpenString<EcgridStatus>;
  /** Defaults to 1. */
  pageNo?: number;
  /** Defaults to 25. */
  recordsPerPage?: number;
}

export interface UserEndpoints {
  me(options?: CallOptions): Promise<UserInfo>;
  get(id: number, options?: CallOptions): Promise<UserInfo>;
  list(body?: UserListRequest, options?: CallOptions): Promise<UserInfo[]>;
  /** GET /v2/users/key/{id}: the user's API key (a secret: handle it as one). */
  apiKey(id: number, options?: CallOptions): Promise<string>;
}

export function userEndpoints(call: EndpointCall, paths: RestPaths): UserEndpoints {
  return {
    me: (options) => call<UserInfo>({ method: 'GET', path: paths['users.getMe'], ...callOptions(options) }),
    get: (id, options) => call<UserInfo>({ method: 'GET', path: paths['users.get'], pathParams: { id }, ...callOptions(options) }),
    list: (body = {}, options) =>
      call<UserInfo[]>({ method: 'POST', path: paths['users.list'], body, idempotent: true, ...callOptions(options) }),
    apiKey: (id, options) =>
      call<string>({ method: 'GET', path: paths['users.getApiKey'], pathParams: { id }, ...callOptions(options) }),
  };
}
