import type { FacadeOperation } from '../../src/index.js';

/** Sample SOAP parameters the documentation checks need beyond the defaults (`sampleParams`), by operation. */
export const overrides: Partial<Record<FacadeOperation, Record<string, unknown>>> = {
  // The example answer of rest-api/users/get-by-name.md is the user "jsmith": asking for that login maps it.
  UserInfobyLogin: { LoginName: 'jsmith' },
  // update-user.md has no carrier or authLevel field: only NoChange is expressible on REST.
  UserUpdate: { CellCarrier: 'NoChange', AuthLevel: 'NoChange', EMail: 'john.smith@example.com' },
  UserAdd: { LoginName: 'jsmith', Password: 'Passw0rd!', EMail: 'jsmith@example.com', AuthLevel: 'MailboxAdmin' },
  UserAddEx: { LoginName: 'jsmith', Password: 'Passw0rd!', EMail: 'jsmith@example.com', AuthLevel: 'MailboxAdmin' },
};
