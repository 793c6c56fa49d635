import { DOCUMENTED_ENUMS } from '@ecgrid-bridge/catalog';
import { soapOnly, write } from './builders.js';
import { UnsupportedOnRest } from './entry.js';
import { TEST_CALL_LOG_LOSSY, callbackRecord, testCallRecord } from './callback-records.js';
import { filter } from './fields.js';
import { nonEmpty, requireText, requireUnset } from './params.js';
import { record, succeeded } from './results.js';

/**
 * Callbacks: rest-api/callbacks/*.md. A SOAP CallBackEvent is a REST callback (its CallBackEventID is `callbackId`);
 * a SOAP CallBackQueue record is one queued call of it, for which REST has no ID (see callback-records.ts).
 */

const ID_SPACE =
  "CallBackEventID is sent as callbackId: the WSDL's CallBackEvent is the registration CallBackAddEx creates, which REST calls a callback.";

/** A value REST takes only from the documented vocabulary (appendix/enums.md), which lacks some WSDL values. */
function documented(enumName: 'Objects' | 'HTTPAuthType', value: string): string {
  if (!(DOCUMENTED_ENUMS[enumName] ?? []).includes(value)) throw new UnsupportedOnRest(`the REST ${enumName} vocabulary (appendix/enums.md) has no value ${value}`);
  return value;
}

function refuseUnless<T extends string>(value: T, only: T, name: string): void {
  if (value !== only) throw new UnsupportedOnRest(`create-callback.md has no field for ${name} (only ${only} has a REST form)`);
}

const NO_FIELD = 'a non-zero value makes the call unavailable on REST: create-callback.md has no such field';

/**
 * rest-api/callbacks/create-callback.md takes url and event (required), mailboxId and networkId (left out for the
 * wider scope, as SOAP's 0 asks), httpAuthType, username and password.
 */
export const CallBackAddEx = write('CallBackAddEx', {
  endpoint: 'callbacks.create',
  request: (p) => {
    requireUnset(p.UserID, 'UserID');
    requireUnset(p.ObjectStatus, 'ObjectStatus');
    requireUnset(p.Frequency, 'Frequency');
    requireUnset(p.MaxRetries, 'MaxRetries');
    refuseUnless(p.Direction, 'NoDir', 'Direction');
    refuseUnless(p.Status, 'Active', 'Status');
    return {
      body: {
        url: requireText(p.URL, 'url'),
        event: documented('Objects', p.SystemObject),
        mailboxId: filter(p.MailboxID),
        networkId: filter(p.NetworkID),
        httpAuthType: documented('HTTPAuthType', p.HTTPAuthentication),
        username: nonEmpty(p.HTTPUser),
        password: nonEmpty(p.HTTPPassword),
      },
    };
  },
  result: record(callbackRecord),
  unsupported: {
    URL: 'an empty URL makes the call unavailable on REST, which requires one',
    SystemObject: 'a value appendix/enums.md does not list (ParcelNotes) makes the call unavailable on REST',
    HTTPAuthentication: 'Certificate, which the REST HTTPAuthType (None, Basic, Digest) lacks, makes the call unavailable on REST',
    UserID: NO_FIELD,
    ObjectStatus: NO_FIELD,
    Frequency: NO_FIELD,
    MaxRetries: NO_FIELD,
    Direction: 'anything but NoDir makes the call unavailable on REST: create-callback.md has no direction',
    Status: 'anything but Active makes the call unavailable on REST: create-callback.md has no status and answers the new callback Active',
  },
  assumes: "Direction NoDir registers for both directions, and Frequency and MaxRetries 0 leave ECGrid's defaults, the only values create-callback.md can give.",
});

/** rest-api/callbacks/update-callback.md: `status` takes the Status values the WSDL's parameter has. */
export const CallBackEventSetStatus = write('CallBackEventSetStatus', {
  endpoint: 'callbacks.update',
  request: (p) => ({ body: { callbackId: p.CallBackEventID, status: p.Status } }),
  // update-callback.md answers the updated callback; SOAP answers true.
  result: succeeded,
  assumes: ID_SPACE,
});

const PAYLOAD = 'a non-zero value makes the call unavailable on REST: test-callback.md sends its own test payload and takes only callbackId';

/** soap-api/callbacks/callback-test.md: CallBackEventID "identifies which endpoint configuration to target". */
export const CallBackTest = write('CallBackTest', {
  endpoint: 'callbacks.test',
  request: (p) => {
    requireUnset(p.ParcelID, 'ParcelID');
    requireUnset(p.InterchangeID, 'InterchangeID');
    requireUnset(p.UserID, 'UserID');
    return { body: { callbackId: p.CallBackEventID } };
  },
  result: record(testCallRecord),
  lossy: TEST_CALL_LOG_LOSSY,
  unsupported: { ParcelID: PAYLOAD, InterchangeID: PAYLOAD, UserID: PAYLOAD },
  assumes: `${ID_SPACE} The test call's HTTP status is its log entry's ReturnCode and the endpoint's answer its Message.`,
});

// Look-ups by ID whose REST counterparts take another ID.

export const CallBackEventInfo = soapOnly(
  'CallBackEventInfo',
  'read',
  'returns a callback registration (WSDL CallBackEventIDInfo: URL, HTTPAuthentication, Frequency, MaxCalls and its last QueueCount CallBackQueue records) by the CallBackEventID that CallBackAddEx answers and CallBackEventSetStatus and CallBackTest take, which is REST\'s callbackId. rest-api/callbacks/get-event-by-id.md, which soap-api/callbacks/callback-event-info.md names, looks up one delivered event (payload, attempts, delivered, httpStatus) by callbackEventId, a different ID whose parent is the callbackId: sent there, the SOAP ID would fetch an unrelated record. REST has no look-up of a callback registration by callbackId',
);

export const CallBackQueueInfo = soapOnly(
  'CallBackQueueInfo',
  'read',
  'returns one queued call (WSDL CallBackQueueIDInfo: Date, CallsRemaining, NextCall, StatusCallBack status, ObjectID, CallBackLog) by its CallBackQueueID. rest-api/callbacks/get-queue-by-id.md, which soap-api/callbacks/callback-queue-info.md names, takes a callbackId, the ID of the callback registration (SOAP\'s CallBackEventID), and no REST record carries an ID of a queued call, so a CallBackQueueID has nothing to be sent as',
);

export const CallBackEventListEx = soapOnly(
  'CallBackEventListEx',
  'read',
  'lists the callback registrations of a network/mailbox (WSDL: "List CallBack Events for a specified Network/Mailbox"; CallBackEventIDInfo records, ShowInactive adding the inactive ones). rest-api/callbacks/event-list.md, which soap-api/callbacks/callback-event-list.md names, lists delivered events over a date range (callbackEventId, objectId, delivered, httpStatus), one per notification: it misses registrations with no delivery, repeats the others, and gives none of their URL, authentication or status',
);

// Queue listings by delivery state.

const QUEUE_LIST =
  'rest-api/callbacks/queue-list.md types its status filter as Status (Active, Suspended, Terminated; appendix/enums.md adds Development, Preproduction), a callback\'s own state, in which "Active" is "pending or delivered"; and its entries are one per callback (callbackId), with no ID of a queued call for CallBackQueueID';

const PENDING = `lists the Pending CallBackQueue records (WSDL: "List of all Pending CallBackQueue records"). soap-api/callbacks/callback-pending-list.md says to send status=Pending to queue-list, but ${QUEUE_LIST}. No REST request gives this list`;
const FAILED = `lists the Failed CallBackQueue records of the last MaxDays days (WSDL: "List of Failed CallBackQueue records"). soap-api/callbacks/callback-failed-list.md says to send status=Failed to queue-list, but ${QUEUE_LIST}, and it takes no date bound for MaxDays. No REST request gives this list`;
const EX_FORM = 'the Ex form only adds the network and mailbox';

export const CallBackPendingList = soapOnly('CallBackPendingList', 'read', PENDING);
export const CallBackPendingListEx = soapOnly('CallBackPendingListEx', 'read', `${PENDING}; ${EX_FORM}`);
export const CallBackPendingListExA = soapOnly('CallBackPendingListExA', 'read', `${PENDING}; the ExA form adds the network, the mailbox and networks to exclude (NetworkExclude)`);
export const CallBackFailedList = soapOnly('CallBackFailedList', 'read', FAILED);
export const CallBackFailedListEx = soapOnly('CallBackFailedListEx', 'read', `${FAILED}; ${EX_FORM}`);
