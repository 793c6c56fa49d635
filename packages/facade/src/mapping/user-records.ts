import { date, enumOf, int, recordMap, str } from './fields.js';

/** The fields rest-api/users/get-user.md and get-me.md share, named as both SOAP records name them. */
const userFields = {
  UserID: int('userId'),
  LoginName: str('login'),
  FirstName: str('firstName'),
  LastName: str('lastName'),
  EMail: str('email'),
  NetworkID: int('networkId'),
  MailboxID: int('mailboxId'),
  AuthLevel: enumOf('authLevel', 'AuthLevel'),
};

/** rest-api/users/get-user.md */
export const userRecord = recordMap('UserIDInfo', { ...userFields, Status: enumOf('status', 'Status'), Created: date('created') });

/** rest-api/users/get-me.md: the caller's own user record, read as the SOAP session's. */
export const sessionRecord = recordMap('SessionInfo', userFields);
