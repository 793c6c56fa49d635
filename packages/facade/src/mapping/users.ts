import type { UserIDInfo } from '@ecgrid-bridge/soap';
import type { FacadeParams } from '../operations.js';
import { read, requireEmpty, soapOnly, write } from './builders.js';
import { UnsupportedOnRest } from './entry.js';
import { ShapeError, filter } from './fields.js';
import { boolean, integer, list, record, succeeded, text, type ResultMap } from './results.js';
import { userRecord } from './user-records.js';
import { nonEmpty } from './params.js';

/** Users: rest-api/users/*.md. */

/** Refuses a value the caller asks REST to store where the endpoint has no field for it. */
function refuseValue(value: string | undefined, name: string, page: string): void {
  if (value !== undefined && value !== '') throw new UnsupportedOnRest(`the REST API cannot store ${name} (${page} has no such field)`);
}

/** Refuses an enumeration value other than those that ask for no change. */
function refuseUnless<T extends string>(value: T, keep: readonly T[], name: string, page: string): void {
  if (!keep.includes(value)) throw new UnsupportedOnRest(`the REST API cannot set ${name} (${page} has no such field)`);
}

const CREATE_PAGE = 'rest-api/users/create-user.md';
const UPDATE_PAGE = 'rest-api/users/update-user.md';
const REFUSED = 'a non-empty value makes the call unavailable on REST';

/** SOAP user data REST cannot take: refused rather than dropped, so no call silently loses what it was asked to store. */
const newUserUnsupported = {
  RecoveryQuestion: `${REFUSED}: ${CREATE_PAGE} has no password-recovery fields`,
  RecoveryAnswer: `${REFUSED}: ${CREATE_PAGE} has no password-recovery fields`,
  Company: `${REFUSED}: ${CREATE_PAGE} has no company field`,
  Phone: `${REFUSED}: ${CREATE_PAGE} has no phone field`,
  CellPhone: `${REFUSED}: ${CREATE_PAGE} has no cell phone field`,
  CellCarrier: `a value other than NoChange or Undefined makes the call unavailable on REST: ${CREATE_PAGE} has no carrier field`,
};

function newUserBody(p: FacadeParams<'UserAdd'> | FacadeParams<'UserAddEx'>, networkId: number | undefined) {
  refuseValue(p.RecoveryQuestion, 'RecoveryQuestion', CREATE_PAGE);
  refuseValue(p.RecoveryAnswer, 'RecoveryAnswer', CREATE_PAGE);
  refuseValue(p.Company, 'Company', CREATE_PAGE);
  refuseValue(p.Phone, 'Phone', CREATE_PAGE);
  refuseValue(p.CellPhone, 'CellPhone', CREATE_PAGE);
  refuseUnless(p.CellCarrier, ['NoChange', 'Undefined'], 'CellCarrier', CREATE_PAGE);
  return {
    login: p.LoginName ?? '',
    password: p.Password ?? '',
    email: p.EMail ?? '',
    firstName: p.FirstName,
    lastName: p.LastName,
    networkId,
    // create-user.md: an omitted mailboxId defaults to the caller's mailbox; SOAP's 0 means a network-level user.
    mailboxId: p.MailboxID,
    authLevel: p.AuthLevel,
  };
}

const MAILBOX_ZERO = "mailboxId 0 makes a network-level user, as MailboxID 0 does on SOAP (0 is sent: create-user.md defaults an omitted mailboxId to the caller's mailbox)";

/** SOAP answers the new UserID; REST answers the new user record. */
export const UserAdd = write('UserAdd', {
  endpoint: 'users.create',
  request: (p) => ({ body: newUserBody(p, undefined) }),
  result: integer('userId'),
  unsupported: newUserUnsupported,
  assumes: MAILBOX_ZERO,
});

export const UserAddEx = write('UserAddEx', {
  endpoint: 'users.create',
  request: (p) => ({ body: newUserBody(p, filter(p.NetworkID)) }),
  result: integer('userId'),
  unsupported: { ...newUserUnsupported, NetworkID: "0 is left out: create-user.md defaults networkId to the caller's network" },
  assumes: MAILBOX_ZERO,
});

export const UserInfo = read('UserInfo', {
  endpoint: 'users.get',
  request: (p) => ({ path: { id: p.UserID } }),
  result: record(userRecord),
});

const sameLogin = (a: string | undefined, b: string): boolean => (a ?? '').toLowerCase() === b.toLowerCase();

/**
 * rest-api/users/get-by-name.md answers a list ("multiple results may be returned if the same login exists across
 * different networks"); SOAP answers one user. The user whose login is the one asked is that answer; none is no
 * user, and several are refused, since the docs do not say which one SOAP would pick.
 */
const oneUserByLogin: ResultMap<UserIDInfo | undefined> = {
  read(data, params) {
    const login = Reflect.get(params, 'LoginName');
    const asked = typeof login === 'string' ? login : '';
    const users = list(userRecord).read(data, params).filter((u) => sameLogin(u.LoginName, asked));
    if (users.length > 1) throw new ShapeError(`${users.length} users have the login "${asked}" (one per network); SOAP answers one`);
    return users[0];
  },
  lossy: record(userRecord).lossy,
};

export const UserInfobyLogin = read('UserInfobyLogin', {
  endpoint: 'users.getByName',
  request: (p) => ({ body: { login: p.LoginName ?? '' } }),
  result: oneUserByLogin,
  assumes: 'logins compare case-insensitively; an empty answer means no such user (the SOAP result is left out)',
});

/** Empty text leaves a field unchanged: sending it would clear it or, for email, fail update-user.md's format check. */

/** SOAP answers true; REST answers the updated user record. */
export const UserUpdate = write('UserUpdate', {
  endpoint: 'users.update',
  request: (p) => {
    refuseValue(p.Company, 'Company', UPDATE_PAGE);
    refuseValue(p.Phone, 'Phone', UPDATE_PAGE);
    refuseValue(p.CellPhone, 'CellPhone', UPDATE_PAGE);
    refuseUnless(p.CellCarrier, ['NoChange'], 'CellCarrier', UPDATE_PAGE);
    refuseUnless(p.AuthLevel, ['NoChange'], 'AuthLevel', UPDATE_PAGE);
    return { body: { userId: p.UserID, email: nonEmpty(p.EMail), firstName: nonEmpty(p.FirstName), lastName: nonEmpty(p.LastName) } };
  },
  result: succeeded,
  unsupported: {
    Company: `${REFUSED}: ${UPDATE_PAGE} has no company field`,
    Phone: `${REFUSED}: ${UPDATE_PAGE} has no phone field`,
    CellPhone: `${REFUSED}: ${UPDATE_PAGE} has no cell phone field`,
    CellCarrier: `a value other than NoChange makes the call unavailable on REST: ${UPDATE_PAGE} has no carrier field`,
    AuthLevel: `a value other than NoChange makes the call unavailable on REST: ${UPDATE_PAGE} has no authLevel field (UserSetAuthLevel sets it, through set-role.md)`,
  },
  assumes: 'empty FirstName, LastName or EMail leave the field unchanged, so they are not sent',
});

/**
 * rest-api/users/update-password.md sets the password by the caller's AuthLevel (NetworkAdmin or higher); REST has no
 * password-recovery question, so new recovery data is refused and the current answer is not sent.
 */
export const UserPassword = write('UserPassword', {
  endpoint: 'users.updatePassword',
  request: (p) => {
    refuseValue(p.RecoveryQuestion, 'RecoveryQuestion', 'rest-api/users/update-password.md');
    refuseValue(p.RecoveryAnswer, 'RecoveryAnswer', 'rest-api/users/update-password.md');
    return { body: { userId: p.UserID, newPassword: p.Password ?? '' } };
  },
  result: boolean,
  unsupported: {
    CurrentRecoveryAnswer: "not sent: update-password.md authorises by the caller's AuthLevel (NetworkAdmin or higher), not a recovery answer",
    RecoveryQuestion: `${REFUSED}: update-password.md has no password-recovery fields`,
    RecoveryAnswer: `${REFUSED}: update-password.md has no password-recovery fields`,
  },
});

export const UserActivate = soapOnly(
  'UserActivate',
  'write',
  "no documented REST equivalent: no rest-api/users page sets a user's status (update-user.md takes userId, email, " +
    'firstName, lastName only), and soap-api/users/user-suspend.md says the opposite change has no direct REST equivalent',
);

export const UserSuspend = soapOnly(
  'UserSuspend',
  'write',
  'soap-api/users/user-suspend.md: "There is no direct REST equivalent"; the page it suggests, rest-api/users/update-user.md ' +
    '(PUT /v2/users), documents no status field (userId, email, firstName, lastName only)',
);

export const UserTerminate = write('UserTerminate', {
  endpoint: 'users.terminate',
  request: (p) => ({ path: { id: p.UserID } }),
  result: boolean,
});

export const UserSendSMS = write('UserSendSMS', {
  endpoint: 'users.sendSms',
  request: (p) => ({ body: { userId: p.UserID, message: p.Text ?? '' } }),
  result: boolean,
});

/** rest-api/users/reset-sessions.md: invalidates the user's open sessions, as soap-api/users/user-reset.md describes. */
export const UserReset = write('UserReset', {
  endpoint: 'users.resetSessions',
  request: (p) => ({ path: { id: p.UserID } }),
  result: boolean,
});

/** rest-api/users/list-users.md has no name filter. The list pages: the backend reads every page (no pageNo sent). */
const NAME_UNSUPPORTED = { Name: 'a non-empty name filter makes the call unavailable on REST (list-users.md has no name filter)' };

export const UserList = read('UserList', {
  endpoint: 'users.list',
  request: (p) => (requireEmpty(p.Name, 'Name'), { body: {} }),
  result: list(userRecord),
  unsupported: NAME_UNSUPPORTED,
});

export const UserListEx = read('UserListEx', {
  endpoint: 'users.list',
  request: (p) => (requireEmpty(p.Name, 'Name'), { body: { networkId: filter(p.NetworkID), mailboxId: filter(p.MailboxID) } }),
  result: list(userRecord),
  unsupported: NAME_UNSUPPORTED,
});

const NO_LOCKOUT =
  'REST users carry no lock-out state: list-users.md filters by networkId, mailboxId, authLevel and status only, and ' +
  'its UserIDInfo has no lockedOut field, so locked-out users cannot be selected even from a full list';

export const UserListLockedOut = soapOnly('UserListLockedOut', 'read', `no documented REST equivalent; ${NO_LOCKOUT}`);

export const UserListLockedOutEx = soapOnly('UserListLockedOutEx', 'read', `no documented REST equivalent; ${NO_LOCKOUT}`);

/** SOAP answers true; REST answers the updated user record. Both IDs are sent as given: SOAP sets both. */
export const UserSetNetworkMailbox = write('UserSetNetworkMailbox', {
  endpoint: 'users.setNetworkMailbox',
  request: (p) => ({ body: { userId: p.UserID, networkId: p.NetworkID, mailboxId: p.MailboxID } }),
  result: succeeded,
  assumes: 'mailboxId 0 makes a network-level user, as MailboxID 0 does on SOAP',
});

/** rest-api/users/set-role.md; its optional networkId/mailboxId scope has no WSDL parameter and is not sent. */
export const UserSetAuthLevel = write('UserSetAuthLevel', {
  endpoint: 'users.setRole',
  request: (p) => ({ body: { userId: p.UserID, authLevel: p.AuthLevel } }),
  result: succeeded,
});

export const UserSetMaxSessions = soapOnly(
  'UserSetMaxSessions',
  'write',
  'no documented REST equivalent: no rest-api/users page has a max-sessions field (update-config.md documents only ' +
    'userId; reset-sessions.md only ends open sessions)',
);

export const UserGetAPIKey = read('UserGetAPIKey', {
  endpoint: 'users.getApiKey',
  request: (p) => ({ path: { id: p.UserID } }),
  result: text(),
  sensitive: true,
});

/** Rotates the user's key (rest-api/users/generate-api-key.md: the old key stops working at once). */
export const GenerateAPIKey = write('GenerateAPIKey', {
  endpoint: 'users.generateApiKey',
  request: (p) => ({ path: { id: p.UserID } }),
  result: text(),
  sensitive: true,
});

/**
 * rest-api/users/generate-password.md. A random value by design: no two calls agree, on either backend, so (as with
 * Version) the value itself is not compared.
 */
export const GeneratePassword = read('GeneratePassword', {
  endpoint: 'users.generatePassword',
  request: (p) => ({ body: { length: filter(p.Length) } }),
  result: text(),
  lossy: ['.'],
  sensitive: true,
  assumes: 'Length 0 asks for the default length (generate-password.md: 12), so it is not sent',
});
