import { date, enumOf, int, recordMap, str } from './fields.js';

/** rest-api/users/get-user.md */
export const userRecord = recordMap('UserIDInfo', {
  UserID: int('userId'),
  LoginName: str('login'),
  FirstName: str('firstName'),
  LastName: str('lastName'),
  EMail: str('email'),
  NetworkID: int('networkId'),
  MailboxID: int('mailboxId'),
  AuthLevel: enumOf('authLevel', 'AuthLevel'),
  Status: enumOf('status', 'Status'),
  Created: date('created'),
});

/** rest-api/users/get-me.md: the caller's own user record, read as the SOAP session's. */
export const sessionRecord = recordMap('SessionInfo', {
  UserID: int('userId'),
  LoginName: str('login'),
  FirstName: str('firstName'),
  LastName: str('lastName'),
  EMail: str('email'),
  NetworkID: int('networkId'),
  MailboxID: int('mailboxId'),
  AuthLevel: enumOf('authLevel', 'AuthLevel'),
});
