import { date, enumOf, int, recordMap, str } from './fields.js';

/**
 * rest-api/networks/get-network.md (and list-networks.md, update-network.md). `companyName` is the network's Name:
 * soap-api/networks/network-info.md calls it "Display name of the network company", and the WSDL's NetworkUpdate
 * sets that name through its `Name` parameter where soap-api/networks/network-update.md has `CompanyName` ("Updated
 * display name for the network"), which rest-api/networks/update-network.md sends as `companyName`. NetworkIDInfo has
 * no Description, and no field for the REST `uniqueId` (a slug), which is therefore not read.
 */
export const networkRecord = recordMap('NetworkIDInfo', {
  NetworkID: int('networkId'),
  Name: str('companyName'),
  Status: enumOf('status', 'Status'),
  Created: date('created'),
  Modified: date('modified'),
});

/**
 * `companyName` is the mailbox Description: soap-api/mailboxes/mailbox-description.md updates it, and
 * rest-api/mailboxes/update-mailbox.md sends it as `companyName`. No documented REST field gives the mailbox Name.
 */
export const mailboxRecord = recordMap('MailboxIDInfo', {
  MailboxID: int('mailboxId'),
  NetworkID: int('networkId'),
  Description: str('companyName'),
  Status: enumOf('status', 'Status'),
  Created: date('created'),
  Modified: date('modified'),
});

/**
 * rest-api/networks/get-contact.md answers the contact's `name`, `email` and `phone` for the network, not a user
 * record: the contact's UserID and login are not given, and its one `name` is not split into FirstName and LastName
 * (the docs do not say how it is composed), so those are lossy.
 */
export const networkContactRecord = recordMap('UserIDInfo', {
  NetworkID: int('networkId'),
  EMail: str('email'),
  Phone: str('phone'),
});
