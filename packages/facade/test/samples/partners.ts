import type { FacadeOperation } from '../../src/index.js';

/**
 * Sample SOAP parameters the documentation checks need beyond the defaults (`sampleParams`), by operation: options
 * REST has no field for left unset (0, false, NoEMail), and scopes that keep the documented example in the answer.
 */
export const overrides: Partial<Record<FacadeOperation, Record<string, unknown>>> = {
  /** rest-api/ids/find-id.md's example is ECGrid ID 123456 in network 42, mailbox 1001. */
  TPSearchEx: { NetworkID: 42, MailboxID: 1001 },
  InterconnectAdd: { NotifyContact: false, Preconfirm: false },
  InterconnectNote: { AuthLevel: 'General', AttachmentContent: Buffer.alloc(0), EMailTo: 'NoEMail' },
  InterconnectCancel: { EMailTo: 'NoEMail' },
  /** rest-api/partners/list-partners.md's example: 123456 with 654321 (and 789012). */
  InterconnectListByECGridID: { ECGridID1: 123456, ECGridID2: 654321 },
  InterconnectListByStatus: { MaxDays: 0 },
  InterconnectListByStatusEx: { NetworkID: 0, MailboxID: 0, MaxDays: 0 },
  InterconnectCountEx: { NetworkID: 0, MailboxID: 0, MaxDays: 0 },
  CarbonCopyList: { ECGridIDFrom: 0, ECGridIDTo: 0 },
  CarbonCopyListEx: { ECGridIDFrom: 0, ECGridIDTo: 0 },
};
