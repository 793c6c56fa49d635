import type { OperationParams } from '@ecgrid-bridge/soap';
import { optInt, optString, reqInt, reqString } from '../rest/input.js';
import * as json from '../rest/json.js';
import {
  addUser,
  changeOwnPassword,
  lockedOutUsers,
  renewApiKey,
  resetUser,
  sendSms,
  setNetworkMailbox,
  setPassword,
  apiKey,
  generatePassword,
  setAuthLevel,
  setMaxSessions,
  setUserStatus,
  terminateUser,
  updateUser,
  user,
  userByLogin,
  users,
} from '../service/users.js';
import { userInfo } from '../soap/records.js';
import type { UserRecord } from '../store/records.js';
import type { SandboxService } from '../service/service.js';
import { page, pathValue } from './rest.js';
import type { OperationGroup, RestCall } from './table.js';

/** Users: rest-api/users/*.md. */

const soapUser = (service: SandboxService, u: UserRecord) => userInfo(u, service.auth.openSessionCount(u.userId));

const get = (call: RestCall) => json.user(user(call.service, call.caller(), pathValue(call)));

const list = (call: RestCall) => {
  const b = call.body;
  const found = users(call.service, call.caller(), {
    networkId: optInt(b, 'networkId'),
    mailboxId: optInt(b, 'mailboxId'),
    authLevel: optString(b, 'authLevel'),
    status: optString(b, 'status'),
  });
  return page(call, 'users.list', found).items.map(json.user);
};

export const UserInfo = {
  soap: (call) => soapUser(call.service, user(call.service, call.caller(), call.params.UserID)),
  rest: { 'users.get': get },
} satisfies OperationGroup['UserInfo'];

export const UserList = {
  soap: (call) => users(call.service, call.caller(), { name: call.params.Name }).map((u) => soapUser(call.service, u)),
  rest: { 'users.list': list },
} satisfies OperationGroup['UserList'];

export const UserGetAPIKey = {
  soap: (call) => apiKey(call.service, call.caller(), call.params.UserID),
  rest: { 'users.getApiKey': (call) => apiKey(call.service, call.caller(), pathValue(call)) },
} satisfies OperationGroup['UserGetAPIKey'];

export const UserListEx = {
  soap: (call) => {
    const p = call.params;
    return users(call.service, call.caller(), { name: p.Name, networkId: p.NetworkID, mailboxId: p.MailboxID }).map((u) => soapUser(call.service, u));
  },
  rest: { 'users.list': list },
} satisfies OperationGroup['UserListEx'];

/**
 * rest-api/users/get-by-name.md answers the matching users as a list; SOAP answers one user. Where no user has the
 * login, the sandbox answers an empty list on REST and no result on SOAP (the docs do not say).
 */
export const UserInfobyLogin = {
  soap: (call) => {
    const found = userByLogin(call.service, call.caller(), call.params.LoginName ?? '');
    return found && soapUser(call.service, found);
  },
  rest: {
    'users.getByName': (call) => {
      const found = userByLogin(call.service, call.caller(), reqString(call.body, 'login'));
      return found ? [json.user(found)] : [];
    },
  },
} satisfies OperationGroup['UserInfobyLogin'];

export const GeneratePassword = {
  soap: (call) => {
    call.caller();
    return generatePassword(call.params.Length);
  },
  rest: { 'users.generatePassword': (call) => generatePassword(optInt(call.body, 'length')) },
} satisfies OperationGroup['GeneratePassword'];

export const UserActivate = { soap: (call) => setUserStatus(call.service, call.caller(), call.params.UserID, 'Active') } satisfies OperationGroup['UserActivate'];
export const UserSuspend = { soap: (call) => setUserStatus(call.service, call.caller(), call.params.UserID, 'Suspended') } satisfies OperationGroup['UserSuspend'];

/**
 * SOAP's CellPhone, CellCarrier and a new AuthLevel have no stored field here (the record keeps no cell phone;
 * UserSetAuthLevel sets the level): UserUpdate stores the profile fields and answers true.
 */
export const UserUpdate = {
  soap: (call) => {
    const p = call.params;
    updateUser(call.service, call.caller(), p.UserID, {
      firstName: p.FirstName,
      lastName: p.LastName,
      email: p.EMail,
      company: p.Company,
      phone: p.Phone,
      cellPhone: p.CellPhone,
      cellCarrier: p.CellCarrier,
    });
    return true;
  },
  rest: {
    // rest-api/users/update-user.md: answers the updated user.
    'users.update': (call) => {
      const b = call.body;
      const changes = { firstName: optString(b, 'firstName'), lastName: optString(b, 'lastName'), email: optString(b, 'email') };
      return json.user(updateUser(call.service, call.caller(), reqInt(b, 'userId'), changes));
    },
  },
} satisfies OperationGroup['UserUpdate'];

export const UserSetAuthLevel = {
  soap: (call) => setAuthLevel(call.service, call.caller(), call.params.UserID, call.params.AuthLevel) !== undefined,
  rest: {
    // rest-api/users/set-role.md: answers the updated user. Its optional networkId/mailboxId scope is not stored.
    'users.setRole': (call) => json.user(setAuthLevel(call.service, call.caller(), reqInt(call.body, 'userId'), reqString(call.body, 'authLevel'))),
  },
} satisfies OperationGroup['UserSetAuthLevel'];

export const UserTerminate = {
  soap: (call) => terminateUser(call.service, call.caller(), call.params.UserID),
  rest: { 'users.terminate': (call) => terminateUser(call.service, call.caller(), pathValue(call)) },
} satisfies OperationGroup['UserTerminate'];

/** rest-api/users/create-user.md: answers the new user (SOAP: its UserID). */
const create = (call: RestCall) => {
  const b = call.body;
  return json.user(
    addUser(call.service, call.caller(), {
      login: reqString(b, 'login'),
      password: reqString(b, 'password'),
      email: reqString(b, 'email'),
      firstName: optString(b, 'firstName'),
      lastName: optString(b, 'lastName'),
      networkId: optInt(b, 'networkId'),
      mailboxId: optInt(b, 'mailboxId'),
      authLevel: optString(b, 'authLevel'),
    }),
  );
};


/** The SOAP form; the recovery question, cell phone and carrier have no stored field in the sandbox. */
const soapNewUser = (p: OperationParams['UserAdd'], networkId: number | undefined) => ({
  login: p.LoginName ?? '',
  password: p.Password ?? '',
  email: p.EMail ?? '',
  firstName: p.FirstName,
  lastName: p.LastName,
  company: p.Company,
  phone: p.Phone,
  networkId,
  mailboxId: p.MailboxID,
  authLevel: p.AuthLevel,
});

export const UserAdd = {
  soap: (call) => addUser(call.service, call.caller(), soapNewUser(call.params, undefined)).userId,
  rest: { 'users.create': create },
} satisfies OperationGroup['UserAdd'];

export const UserAddEx = {
  soap: (call) => addUser(call.service, call.caller(), soapNewUser(call.params, call.params.NetworkID)).userId,
  rest: { 'users.create': create },
} satisfies OperationGroup['UserAddEx'];

export const UserSetNetworkMailbox = {
  soap: (call) => setNetworkMailbox(call.service, call.caller(), call.params.UserID, call.params.NetworkID, call.params.MailboxID) !== undefined,
  rest: {
    // rest-api/users/set-network-mailbox.md: answers the updated user.
    'users.setNetworkMailbox': (call) => {
      const b = call.body;
      return json.user(setNetworkMailbox(call.service, call.caller(), reqInt(b, 'userId'), optInt(b, 'networkId'), optInt(b, 'mailboxId')));
    },
  },
} satisfies OperationGroup['UserSetNetworkMailbox'];

/** The SOAP form's recovery question and answers have no stored field in the sandbox and are not checked. */
export const UserPassword = {
  soap: (call) => setPassword(call.service, call.caller(), call.params.UserID, call.params.Password ?? ''),
  rest: { 'users.updatePassword': (call) => setPassword(call.service, call.caller(), reqInt(call.body, 'userId'), reqString(call.body, 'newPassword')) },
} satisfies OperationGroup['UserPassword'];

export const GenerateAPIKey = {
  soap: (call) => renewApiKey(call.service, call.caller(), call.params.UserID),
  rest: { 'users.generateApiKey': (call) => renewApiKey(call.service, call.caller(), pathValue(call)) },
} satisfies OperationGroup['GenerateAPIKey'];

export const ChangePassword = {
  soap: (call) => changeOwnPassword(call.service, call.caller(), call.params.OldPassword ?? '', call.params.NewPassword ?? ''),
  // change-password.md answers `data: null`.
  rest: { 'auth.changePassword': (call) => (changeOwnPassword(call.service, call.caller(), reqString(call.body, 'currentPassword'), reqString(call.body, 'newPassword')), null) },
} satisfies OperationGroup['ChangePassword'];

export const UserReset = {
  soap: (call) => resetUser(call.service, call.caller(), call.params.UserID),
  rest: { 'users.resetSessions': (call) => resetUser(call.service, call.caller(), pathValue(call)) },
} satisfies OperationGroup['UserReset'];

export const UserSendSMS = {
  soap: (call) => sendSms(call.service, call.caller(), call.params.UserID, call.params.Text),
  rest: { 'users.sendSms': (call) => sendSms(call.service, call.caller(), reqInt(call.body, 'userId'), reqString(call.body, 'message')) },
} satisfies OperationGroup['UserSendSMS'];

export const UserSetMaxSessions = {
  soap: (call) => setMaxSessions(call.service, call.caller(), call.params.UserID, call.params.MaxSessions),
} satisfies OperationGroup['UserSetMaxSessions'];

const lockedOutInfo = (service: SandboxService, list: readonly UserRecord[]) => list.map((u) => soapUser(service, u));

export const UserListLockedOut = {
  soap: (call) => lockedOutInfo(call.service, lockedOutUsers(call.service, call.caller())),
} satisfies OperationGroup['UserListLockedOut'];

export const UserListLockedOutEx = {
  soap: (call) => lockedOutInfo(call.service, lockedOutUsers(call.service, call.caller(), { networkId: call.params.NetworkID, mailboxId: call.params.MailboxID })),
} satisfies OperationGroup['UserListLockedOutEx'];
