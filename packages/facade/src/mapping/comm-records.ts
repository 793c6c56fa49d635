import { enumOf, int, recordMap, str } from './fields.js';

/**
 * The REST CommIDInfo (rest-api/comms/get-comm.md, and the list, find, pair, create, update and certificate pages,
 * which show the same object): commId, mailboxId, commType, identifier, status, useType, privateKeyRequired and
 * withCerts. The WSDL's CommIDInfo has no field for privateKeyRequired or withCerts (DISCREPANCIES.md 40), so they
 * are not read; the WSDL fields the docs never show (NetworkID, Owner, URL, Version, the sign/encrypt/compress
 * flags, Receipt, the HTTP authentication, the usage period, Created, Modified, Hosted, Certificates, …) are lossy.
 * The REST vocabularies of commType, status and useType are the WSDL's (appendix/enums.md), except that the WSDL's
 * `ftpsslexplicit` channel has no REST value (DISCREPANCIES.md 158): REST cannot answer it.
 */
export const commRecord = recordMap('CommIDInfo', {
  CommID: int('commId'),
  Type: enumOf('commType', 'NetworkGatewayCommChannel'),
  Identifier: str('identifier'),
  MailboxID: int('mailboxId'),
  UseType: enumOf('useType', 'UseType'),
  Status: enumOf('status', 'Status'),
});

/**
 * CertAddPrivate answers the WSDL's as2CommInfo (a CommIDInfo without Type, with CertificateInfo certificates);
 * rest-api/certificates/add-private.md answers the same REST CommIDInfo as the other certificate pages, so the
 * same fields are read and its `commType` (always AS2 here) has no field to go to.
 */
export const as2CommRecord = recordMap('as2CommInfo', {
  CommID: int('commId'),
  Identifier: str('identifier'),
  MailboxID: int('mailboxId'),
  UseType: enumOf('useType', 'UseType'),
  Status: enumOf('status', 'Status'),
});
