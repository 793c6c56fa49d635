import { invalidParameter } from '../errors.js';
import { optString } from '../rest/input.js';
import * as json from '../rest/json.js';
import { REST_API_VERSION } from '../rest/versions.js';
import { sessionLog, whoAmI } from '../service/session.js';
import { sessionsOfUser } from '../service/users.js';
import { SOAP_VERSION_TEXT, sessionInfo, sessionLogInfo } from '../soap/records.js';
import type { OperationGroup, RestCall } from './table.js';

/** Session: rest-api/auth/*.md. */

const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value : undefined);

/**
 * rest-api/auth/login.md: {login, password} → {token, expiresAt, userId}. The authentication guide's
 * {email, password} is accepted too; either field takes a login name or an email address.
 */
async function login(call: RestCall) {
  const name = nonEmpty(optString(call.body, 'login')) ?? nonEmpty(optString(call.body, 'email'));
  const password = nonEmpty(optString(call.body, 'password'));
  if (!name || !password) throw invalidParameter('login (or email) and password are required');
  return call.service.auth.issueToken(call.service.auth.checkPassword(name, password));
}

const session = (call: RestCall) => {
  const caller = call.caller();
  return {
    userId: caller.user.userId,
    login: caller.user.loginName,
    networkId: caller.user.networkId,
    mailboxId: caller.user.mailboxId,
    authLevel: caller.user.authLevel,
    expiresAt: caller.expiresAt ?? null,
  };
};

export const Version = {
  soap: () => SOAP_VERSION_TEXT,
  rest: { 'auth.version': () => ({ version: REST_API_VERSION }) },
} satisfies OperationGroup['Version'];

export const Login = {
  soap: (call) => call.service.auth.login(call.params.LoginName ?? '', call.params.Password ?? '', call.ip).sessionId,
  rest: { 'auth.login': login },
} satisfies OperationGroup['Login'];

export const Logout = {
  soap: (call) => {
    call.service.auth.logout(call.caller());
    return 0;
  },
  rest: {
    'auth.logout': (call) => {
      call.service.auth.logoutToken(call.caller());
      return null;
    },
  },
} satisfies OperationGroup['Logout'];

export const WhoAmI = {
  soap: (call) => sessionInfo(whoAmI(call.service, call.caller())),
  rest: { 'users.getMe': (call) => json.user(call.caller().user), 'auth.session': session },
} satisfies OperationGroup['WhoAmI'];

export const SessionLog = {
  soap: (call) => {
    const caller = call.caller();
    return sessionLog(call.service, caller, call.params.MaxRecords).map((s) => sessionLogInfo(s, caller.user, caller.sessionId));
  },
} satisfies OperationGroup['SessionLog'];

export const NowUTC = { soap: (call) => new Date(call.service.nowIso()) } satisfies OperationGroup['NowUTC'];

/** The log of the session the call is made with (an API key has none: no result). */
export const SessionLogCurrent = {
  soap: (call) => {
    const caller = call.caller();
    const own = caller.sessionId === undefined ? undefined : call.service.state.sessions.get(caller.sessionId);
    return own && sessionLogInfo(own, caller.user, caller.sessionId);
  },
} satisfies OperationGroup['SessionLogCurrent'];

export const SessionLogEx = {
  soap: (call) => {
    const p = call.params;
    const caller = call.caller();
    return sessionsOfUser(call.service, caller, p.UserID, p.StartTime, p.EndTime, p.MaxRecords).map((s) =>
      sessionLogInfo(s, call.service.state.users.get(s.userId) ?? caller.user, caller.sessionId),
    );
  },
} satisfies OperationGroup['SessionLogEx'];
