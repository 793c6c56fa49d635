import { read, session, soapOnly, write } from './builders.js';
import { integer, record, succeeded, text } from './results.js';
import { sessionRecord } from './user-records.js';

/** Sessions and service utilities: rest-api/auth/*.md, soap-api/auth/*.md. */

/** Login and Logout establish and end the backend's own session (SOAP SessionID or REST token); see the backends. */
export const Login = session('Login', 'login', { endpoint: 'auth.login', result: text(), lossy: ['.'] });

export const Logout = session('Logout', 'logout', { endpoint: 'auth.logout', result: integer(), lossy: ['.'] });

/**
 * soap-api/auth/whoami.md names rest-api/users/get-me.md. It answers the caller's user record, so the session's own
 * fields (SessionID, SessionEventID, TimeOut, OpenSessions, ip, …) are lossy. The SessionID is withheld on SOAP too:
 * the facade keeps the session inside its backends and never hands one out.
 */
export const WhoAmI = read('WhoAmI', { endpoint: 'users.getMe', result: record(sessionRecord), withheld: ['SessionID'] });

/** rest-api/auth/change-password.md: the caller's own password; success answers `data: null`. */
export const ChangePassword = write('ChangePassword', {
  endpoint: 'auth.changePassword',
  request: (p) => ({ body: { currentPassword: p.OldPassword ?? '', newPassword: p.NewPassword ?? '' } }),
  result: succeeded,
});

/** rest-api/auth/version.md: the REST API reports its own version ("2.6"), not the SOAP service's ("4.1"), so the value differs. */
export const Version = read('Version', { endpoint: 'auth.version', result: text('version'), lossy: ['.'] });

export const NowUTC = soapOnly(
  'NowUTC',
  'read',
  'the REST reference documents no server-clock endpoint (no rest-api page returns the current time; the only REST ' +
    'timestamps are token expiries, rest-api/auth/login.md and session.md `expiresAt`), and no SOAP page names one',
);

export const X400Format = soapOnly(
  'X400Format',
  'read',
  'no documented REST equivalent: X400Format builds an X.400 address from its parts on the SOAP server, and no rest-api ' +
    'page formats addresses (X.400 appears in the REST reference only as a channel value, rest-api/ids/update-data-email.md)',
);

/**
 * StatusInfo's key is `Code`, a numeric xs:short with Qualifier/Message/Level; rest-api/status-lists/get-status-lists.md
 * answers status *names* (`parcelStatuses[].code: "InBoxReady"`) grouped by object type, and no page maps names to
 * the numeric codes. getting-started/rest-vs-soap.md claims "full parity", which the reference page's shape contradicts.
 */
export const StatusList = soapOnly(
  'StatusList',
  'read',
  'SOAP StatusInfo is keyed by a numeric Code (xs:short); GET /v2/status-lists (rest-api/status-lists/get-status-lists.md) ' +
    'answers status names with descriptions per object type and no numeric code, and no page maps one to the other, ' +
    'so every Code would be invented',
);

export const SessionLog = soapOnly(
  'SessionLog',
  'read',
  'the REST API has no session log (soap-api/auth/session-log.md: "There is no direct REST equivalent for this method")',
);

export const SessionLogEx = soapOnly(
  'SessionLogEx',
  'read',
  'the REST API has no session log: soap-api/auth/session-log.md says SessionLog has no direct REST equivalent, and no ' +
    'rest-api page lists past sessions by user and time range',
);

export const SessionLogCurrent = soapOnly(
  'SessionLogCurrent',
  'read',
  'the REST API has no session log; the closest page, rest-api/auth/session.md (POST /v2/auth/session), gives the ' +
    "caller's identity and token expiry but no session ID, start or end time, status or events (SessionLogInfo)",
);
