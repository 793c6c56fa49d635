import type { SessionInfo } from '@ecgrid-bridge/soap';
import type { MappingEntry } from './entry.js';
import { lossyFields, mapRecord, objectAt, str } from './fields.js';
import { sessionRecord } from './records.js';

/** Login and Logout establish and end the backend's own session (SOAP SessionID or REST token); see the REST backend. */
export const Login: MappingEntry<'Login'> = {
  operation: 'Login',
  kind: 'session',
  rest: {
    method: 'POST',
    path: '/v2/auth/login',
    request: () => ({}),
    response: () => '',
    lossy: ['.'],
  },
};

export const Logout: MappingEntry<'Logout'> = {
  operation: 'Logout',
  kind: 'session',
  rest: {
    method: 'POST',
    path: '/v2/auth/logout',
    request: () => ({}),
    response: () => 0,
    lossy: ['.'],
  },
};

export const WhoAmI: MappingEntry<'WhoAmI'> = {
  operation: 'WhoAmI',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/users/me',
    request: () => ({}),
    response: (data) => mapRecord(sessionRecord, data, {}) as unknown as SessionInfo,
    lossy: lossyFields(sessionRecord),
  },
};

export const SessionLog: MappingEntry<'SessionLog'> = {
  operation: 'SessionLog',
  kind: 'read',
  rest: null,
  noRestReason: 'the REST API has no session log (the SOAP reference says there is no direct REST equivalent)',
};

export const Version: MappingEntry<'Version'> = {
  operation: 'Version',
  kind: 'read',
  rest: {
    method: 'GET',
    path: '/v2/auth/version',
    request: () => ({}),
    // The REST API reports its own version, not the SOAP service's: the value differs by design.
    response: (data) => String(str('version').read(objectAt(data, 'version'), {}) ?? ''),
    lossy: ['.'],
  },
};
