import type { FacadeOperation } from '../../src/index.js';

/** Sample SOAP parameters the documentation checks need beyond the defaults (`sampleParams`), by operation. */
export const overrides: Partial<Record<FacadeOperation, Record<string, unknown>>> = {
  // Empty text asks for no change: a name and a description make the checked request carry companyName.
  NetworkUpdate: { Name: 'Acme Corporation', Location: '' },
  MailboxDescription: { Description: 'Acme Mailbox One — Updated' },
  // The usual X12 delimiters: segment `~`, element `*`, sub-element `>` (rest-api/*/x12-delimiters.md's example).
  NetworkX12Delimiters: { SegTerm: 126, ElmSep: 42, SubElmSep: 62 },
  MailboxX12Delimiters: { SegTerm: 126, ElmSep: 42, SubElmSep: 62 },
  // rest-api/networks/get-contact.md's example asks for the CustomerService contact of network 1001.
  NetworkGetContact: { NetworkID: 1001, ContactType: 'CustomerService' },
};
