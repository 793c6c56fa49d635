import { describe, expect, it } from 'vitest';
import {
  DOTNET_MIN_DATE,
  MAPPINGS,
  MappingError,
  SESSION_HANDLE,
  type Backend,
  type FacadeOperation,
  type FacadeParams,
} from '../../src/index.js';
import { bodyOf, notAvailable, portAnswering } from '../support/port.js';

/** A REST user record whose every value is distinct, so a swapped field shows. */
const REST_USER = {
  userId: 1042,
  login: 'jsmith',
  email: 'jsmith@example.com',
  firstName: 'John',
  lastName: 'Smith',
  networkId: 7,
  mailboxId: 101,
  authLevel: 'MailboxAdmin',
  status: 'Suspended',
  created: '2024-03-15T10:22:00Z',
};

describe('user records', () => {
  it('maps every UserIDInfo field from rest-api/users/get-user.md, with .NET defaults for the rest', async () => {
    const { backend, requests } = portAnswering(() => REST_USER);
    const user = await backend.invoke('UserInfo', { UserID: 1042 });
    expect(requests[0]).toMatchObject({ endpoint: 'users.get', method: 'GET', pathParams: { id: 1042 }, idempotent: true });
    expect(user).toEqual({
      UserID: 1042,
      LoginName: 'jsmith',
      FirstName: 'John',
      LastName: 'Smith',
      EMail: 'jsmith@example.com',
      CellCarrier: 'NoChange',
      TimeZoneOffset: 0,
      NetworkID: 7,
      MailboxID: 101,
      AuthLevel: 'MailboxAdmin',
      Created: new Date('2024-03-15T10:22:00Z'),
      Modified: DOTNET_MIN_DATE,
      LastLogin: DOTNET_MIN_DATE,
      Status: 'Suspended',
      LockedOut: false,
      OpenSessions: 0,
    });
    expect(MAPPINGS.UserInfo.rest?.lossy).toEqual(
      expect.arrayContaining(['RecoveryQuestion', 'Company', 'Phone', 'CellPhone', 'CellCarrier', 'TimeZoneOffset', 'Modified', 'LastLogin', 'LockedOut', 'OpenSessions']),
    );
    expect(MAPPINGS.UserInfo.rest?.lossy).not.toContain('EMail');
  });

  it('maps every SessionInfo field WhoAmI gets from rest-api/users/get-me.md; the session fields are lossy', async () => {
    const { backend, requests } = portAnswering(() => REST_USER);
    const me = await backend.invoke('WhoAmI', {});
    expect(requests[0]).toMatchObject({ endpoint: 'users.getMe', method: 'GET', idempotent: true });
    expect(me).toEqual({
      SessionEventID: 0,
      UserID: 1042,
      LoginName: 'jsmith',
      FirstName: 'John',
      LastName: 'Smith',
      EMail: 'jsmith@example.com',
      TimeZoneOffset: 0,
      AuthLevel: 'MailboxAdmin',
      LastLogin: DOTNET_MIN_DATE,
      OpenSessions: 0,
      TimeOut: 0,
      NetworkID: 7,
      MailboxID: 101,
    });
    expect(MAPPINGS.WhoAmI.rest?.lossy).toEqual(
      expect.arrayContaining(['ECGridOSVersion', 'SessionID', 'SessionEventID', 'Company', 'Phone', 'TimeZoneOffset', 'LastLogin', 'OpenSessions', 'TimeOut', 'ip']),
    );
  });
});

describe('user look-ups and lists', () => {
  it('answers UserInfobyLogin with the one user whose login was asked, case-insensitively', async () => {
    const other = { ...REST_USER, userId: 2001, login: 'jsmith2' };
    const { backend, requests } = portAnswering(() => [other, { ...REST_USER, login: 'JSmith' }]);
    const user = await backend.invoke('UserInfobyLogin', { LoginName: 'jsmith' });
    expect(requests[0]).toMatchObject({ endpoint: 'users.getByName', method: 'POST', body: { login: 'jsmith' }, idempotent: true });
    expect(user).toMatchObject({ UserID: 1042, LoginName: 'JSmith' });
  });

  it('answers nothing when no user has the login, and refuses several (one per network)', async () => {
    const none = portAnswering(() => []);
    await expect(none.backend.invoke('UserInfobyLogin', { LoginName: 'nobody' })).resolves.toBeUndefined();
    const two = portAnswering(() => [REST_USER, { ...REST_USER, userId: 3001, networkId: 9 }]);
    await expect(two.backend.invoke('UserInfobyLogin', { LoginName: 'jsmith' })).rejects.toBeInstanceOf(MappingError);
  });

  it('reads the whole user list without a name filter, and sends UserListEx filters (0 left out)', async () => {
    const { backend, requests } = portAnswering((req) => (bodyOf(req)['pageNo'] === 1 ? [REST_USER] : []));
    const users = await backend.invoke('UserList', { Name: '' });
    expect(users).toHaveLength(1);
    expect(requests[0]).toMatchObject({ endpoint: 'users.list', method: 'POST', idempotent: true });
    expect(bodyOf(requests[0])).toEqual({ recordsPerPage: 500, pageNo: 1 });

    requests.length = 0;
    await backend.invoke('UserListEx', { NetworkID: 7, MailboxID: 0, Name: '' });
    expect(bodyOf(requests[0])).toEqual({ networkId: 7, recordsPerPage: 500, pageNo: 1 });
    requests.length = 0;
    await backend.invoke('UserListEx', { NetworkID: 0, MailboxID: 101 });
    expect(bodyOf(requests[0])).toEqual({ mailboxId: 101, recordsPerPage: 500, pageNo: 1 });
  });

  it('gives NotAvailableOnBackend for a name filter (list-users.md has none)', async () => {
    const { backend, requests } = portAnswering(() => []);
    await notAvailable(backend.invoke('UserList', { Name: 'smith' }), 'UserList');
    await notAvailable(backend.invoke('UserListEx', { NetworkID: 7, MailboxID: 0, Name: 'smith' }), 'UserListEx');
    expect(requests).toHaveLength(0);
  });
});

const NEW_USER = {
  MailboxID: 101,
  LoginName: 'jsmith',
  Password: 'Passw0rd!',
  FirstName: 'John',
  LastName: 'Smith',
  EMail: 'jsmith@example.com',
  CellCarrier: 'NoChange',
  AuthLevel: 'MailboxAdmin',
} as const;

describe('user changes', () => {
  it('creates a user from UserAdd and answers the new UserID', async () => {
    const { backend, requests } = portAnswering(() => ({ ...REST_USER, userId: 5555 }));
    await expect(backend.invoke('UserAdd', NEW_USER)).resolves.toBe(5555);
    expect(requests[0]).toMatchObject({ endpoint: 'users.create', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({
      login: 'jsmith',
      password: 'Passw0rd!',
      email: 'jsmith@example.com',
      firstName: 'John',
      lastName: 'Smith',
      mailboxId: 101,
      authLevel: 'MailboxAdmin',
    });
  });

  it('sends UserAddEx NetworkID as networkId, and a network-level user as mailboxId 0', async () => {
    const { backend, requests } = portAnswering(() => REST_USER);
    await backend.invoke('UserAddEx', { ...NEW_USER, NetworkID: 7, MailboxID: 0 });
    expect(bodyOf(requests[0])).toMatchObject({ networkId: 7, mailboxId: 0 });
    await backend.invoke('UserAddEx', { ...NEW_USER, NetworkID: 0 });
    expect(bodyOf(requests[1])['networkId']).toBeUndefined();
  });

  it.each([
    ['RecoveryQuestion', { RecoveryQuestion: 'Pet?' }],
    ['RecoveryAnswer', { RecoveryAnswer: 'Rex' }],
    ['Company', { Company: 'Acme' }],
    ['Phone', { Phone: '555' }],
    ['CellPhone', { CellPhone: '555' }],
    ['CellCarrier', { CellCarrier: 'Verizon' }],
  ] as const)('refuses UserAdd with %s, which create-user.md cannot store', async (_name, extra) => {
    const { backend, requests } = portAnswering(() => REST_USER);
    await notAvailable(backend.invoke('UserAdd', { ...NEW_USER, ...extra }), 'UserAdd');
    await notAvailable(backend.invoke('UserAddEx', { ...NEW_USER, NetworkID: 7, ...extra }), 'UserAddEx');
    expect(requests).toHaveLength(0);
  });

  it('updates name and email with UserUpdate, leaving empty fields out, and answers true', async () => {
    const { backend, requests } = portAnswering(() => REST_USER);
    const base = { UserID: 1042, CellCarrier: 'NoChange', AuthLevel: 'NoChange' } as const;
    await expect(backend.invoke('UserUpdate', { ...base, FirstName: 'Jon', LastName: 'Smyth', EMail: 'jon@example.com' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'users.update', method: 'PUT', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ userId: 1042, firstName: 'Jon', lastName: 'Smyth', email: 'jon@example.com' });
    await backend.invoke('UserUpdate', { ...base, FirstName: '', EMail: 'jon@example.com' });
    expect(bodyOf(requests[1])).toEqual({ userId: 1042, email: 'jon@example.com' });
  });

  it.each([
    ['Company', { Company: 'Acme' }],
    ['Phone', { Phone: '555' }],
    ['CellPhone', { CellPhone: '555' }],
    ['CellCarrier', { CellCarrier: 'Undefined' }],
    ['AuthLevel', { AuthLevel: 'NetworkAdmin' }],
  ] as const)('refuses UserUpdate with %s, which update-user.md cannot set', async (_name, extra) => {
    const { backend, requests } = portAnswering(() => REST_USER);
    await notAvailable(backend.invoke('UserUpdate', { UserID: 1042, CellCarrier: 'NoChange', AuthLevel: 'NoChange', ...extra }), 'UserUpdate');
    expect(requests).toHaveLength(0);
  });

  it('sets a password with UserPassword without the recovery answer, and refuses new recovery data', async () => {
    const { backend, requests } = portAnswering(() => true);
    await expect(backend.invoke('UserPassword', { UserID: 1042, CurrentRecoveryAnswer: 'Rex', Password: 'NewPassw0rd!' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'users.updatePassword', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ userId: 1042, newPassword: 'NewPassw0rd!' });
    await notAvailable(backend.invoke('UserPassword', { UserID: 1042, Password: 'x', RecoveryQuestion: 'Pet?' }), 'UserPassword');
    await notAvailable(backend.invoke('UserPassword', { UserID: 1042, Password: 'x', RecoveryAnswer: 'Rex' }), 'UserPassword');
    expect(requests).toHaveLength(1);
  });

  it('changes the caller\'s own password, answering true for REST\'s data: null', async () => {
    const { backend, requests } = portAnswering(() => null);
    await expect(backend.invoke('ChangePassword', { OldPassword: 'OldP@ssword1', NewPassword: 'NewP@ssword2!' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'auth.changePassword', method: 'PUT', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ currentPassword: 'OldP@ssword1', newPassword: 'NewP@ssword2!' });
  });

  it.each([
    ['UserTerminate', 'users.terminate', 'DELETE'],
    ['UserReset', 'users.resetSessions', 'POST'],
  ] as const)('sends %s by path id and answers REST\'s boolean', async (op, endpoint, method) => {
    const { backend, requests } = portAnswering(() => false);
    await expect(backend.invoke(op, { UserID: 1042 })).resolves.toBe(false);
    expect(requests[0]).toMatchObject({ endpoint, method, pathParams: { id: 1042 }, idempotent: false });
    expect(requests[0]?.body).toBeUndefined();
  });

  it('sends an SMS text as message', async () => {
    const { backend, requests } = portAnswering(() => true);
    await expect(backend.invoke('UserSendSMS', { UserID: 1042, Text: 'Parcel ready' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'users.sendSms', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ userId: 1042, message: 'Parcel ready' });
  });

  it('moves a user with UserSetNetworkMailbox (both IDs as given) and answers true for the updated record', async () => {
    const { backend, requests } = portAnswering(() => REST_USER);
    await expect(backend.invoke('UserSetNetworkMailbox', { UserID: 1042, NetworkID: 2, MailboxID: 0 })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'users.setNetworkMailbox', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ userId: 1042, networkId: 2, mailboxId: 0 });
  });

  it('sets the auth level through set-role.md without a scope', async () => {
    const { backend, requests } = portAnswering(() => REST_USER);
    await expect(backend.invoke('UserSetAuthLevel', { UserID: 1042, AuthLevel: 'NetworkAdmin' })).resolves.toBe(true);
    expect(requests[0]).toMatchObject({ endpoint: 'users.setRole', method: 'POST', idempotent: false });
    expect(bodyOf(requests[0])).toEqual({ userId: 1042, authLevel: 'NetworkAdmin' });
  });
});

describe('credentials', () => {
  it('reads and rotates API keys by path id, marked sensitive', async () => {
    const { backend, requests } = portAnswering(() => 'a1b2c3d4-e5f6-7890-abcd-ef1234567890');
    await expect(backend.invoke('UserGetAPIKey', { UserID: 1042 })).resolves.toBe('a1b2c3d4-e5f6-7890-abcd-ef1234567890');
    expect(requests[0]).toMatchObject({ endpoint: 'users.getApiKey', method: 'GET', pathParams: { id: 1042 }, idempotent: true });
    await backend.invoke('GenerateAPIKey', { UserID: 1042 });
    expect(requests[1]).toMatchObject({ endpoint: 'users.generateApiKey', method: 'POST', pathParams: { id: 1042 }, idempotent: false });
    expect(MAPPINGS.UserGetAPIKey.sensitive).toBe(true);
    expect(MAPPINGS.GenerateAPIKey.sensitive).toBe(true);
    expect(MAPPINGS.GenerateAPIKey.kind).toBe('write');
  });

  it('generates a password of the asked length (0: the default), sensitive and not compared', async () => {
    const { backend, requests } = portAnswering(() => 'Xk7#mQpL2rNv!dYw');
    await expect(backend.invoke('GeneratePassword', { Length: 16 })).resolves.toBe('Xk7#mQpL2rNv!dYw');
    expect(requests[0]).toMatchObject({ endpoint: 'users.generatePassword', method: 'POST' });
    expect(bodyOf(requests[0])).toEqual({ length: 16 });
    await backend.invoke('GeneratePassword', { Length: 0 });
    expect(bodyOf(requests[1])).toEqual({});
    expect(MAPPINGS.GeneratePassword.sensitive).toBe(true);
    expect(MAPPINGS.GeneratePassword.rest?.lossy).toEqual(['.']);
  });
});

describe('session and service utilities', () => {
  it('logs in and out through the port, answering the facade handle and 0', async () => {
    const { backend, requests, logins, logouts } = portAnswering(() => null);
    await expect(backend.invoke('Login', { LoginName: 'jsmith', Password: 'Sup3r$ecret!' })).resolves.toBe(SESSION_HANDLE);
    expect(logins).toEqual([{ loginName: 'jsmith', password: 'Sup3r$ecret!' }]);
    await expect(backend.invoke('Logout', {})).resolves.toBe(0);
    expect(logouts()).toBe(1);
    expect(requests).toHaveLength(0);
  });

  it('reads the REST version (a different value from SOAP\'s, so lossy)', async () => {
    const { backend, requests } = portAnswering(() => ({ version: '2.6' }));
    await expect(backend.invoke('Version', {})).resolves.toBe('2.6');
    expect(requests[0]).toMatchObject({ endpoint: 'auth.version', method: 'GET' });
    expect(MAPPINGS.Version.rest?.lossy).toEqual(['.']);
  });

  /** One SOAP-only call, typed by its operation. */
  const call = <Op extends FacadeOperation>(op: Op, params: FacadeParams<Op>) => [op, (b: Backend) => b.invoke(op, params)] as const;
  const soapOnly = [
    call('NowUTC', {}),
    call('X400Format', { Country: 'US' }),
    call('StatusList', {}),
    call('SessionLog', { MaxRecords: 5 }),
    call('SessionLogEx', { UserID: 1, StartTime: new Date(), EndTime: new Date(), MaxRecords: 5 }),
    call('SessionLogCurrent', {}),
    call('UserActivate', { UserID: 1 }),
    call('UserSuspend', { UserID: 1 }),
    call('UserListLockedOut', {}),
    call('UserListLockedOutEx', { NetworkID: 1, MailboxID: 0 }),
    call('UserSetMaxSessions', { UserID: 1, MaxSessions: 3 }),
    call('KeyGet', { Key: 'k', SystemObject: 'User', ObjectID: 1, Visibility: 'Private' }),
    call('KeyList', { SystemObject: 'User', ObjectID: 1 }),
    call('KeySet', { Key: 'k', SystemObject: 'User', ObjectID: 1, Visibility: 'Private', Value: 'v', DaysToLive: 1 }),
    call('KeySetMinutes', { Key: 'k', SystemObject: 'User', ObjectID: 1, Visibility: 'Private', Value: 'v', MinutesToLive: 1 }),
    call('KeyRemove', { Key: 'k', SystemObject: 'User', ObjectID: 1, Visibility: 'Private' }),
  ];

  it.each(soapOnly)('gives NotAvailableOnBackend for SOAP-only %s, with a reason citing the docs', async (op, invoke) => {
    const { backend, requests } = portAnswering(() => null);
    expect(MAPPINGS[op].rest).toBeNull();
    expect(MAPPINGS[op].noRestReason).toMatch(/\.md|no documented REST equivalent/);
    await notAvailable(invoke(backend), op);
    expect(requests).toHaveLength(0);
  });

  it('keeps the writes among them writes', () => {
    for (const op of ['UserActivate', 'UserSuspend', 'UserSetMaxSessions', 'KeySet', 'KeySetMinutes', 'KeyRemove'] as const) {
      expect(MAPPINGS[op].kind, op).toBe('write');
    }
  });
});
