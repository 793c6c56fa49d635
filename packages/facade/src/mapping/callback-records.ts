import { type FieldRule, constant, date, enumOf, fromParam, int, lossyFields, mapRecord, nested, recordMap, str } from './fields.js';

/**
 * What SOAP calls a CallBackEvent is what REST calls a callback: the registration of a URL for an object's events
 * (WSDL CallBackAddEx: "Create a CallBack Event"; CallBackEventIDInfo carries the URL, HTTPAuthentication, Frequency
 * and MaxCalls). Its CallBackEventID is REST's `callbackId`. A SOAP CallBackQueue record is one queued call of it.
 */

/**
 * rest-api/callbacks/create-callback.md answers the new callback: callbackId, url, event, mailboxId, networkId,
 * httpAuthType, status. The HTTP user is not echoed: it is the one the call registered.
 */
export const callbackRecord = recordMap('CallBackEventIDInfo', {
  CallBackEventID: int('callbackId'),
  NetworkID: int('networkId'),
  MailboxID: int('mailboxId'),
  SystemObject: enumOf('event', 'Objects'),
  Status: enumOf('status', 'Status'),
  URL: str('url'),
  HTTPAuthentication: nested(recordMap('HTTPAuthInfo', { Type: enumOf('httpAuthType', 'HTTPAuthType'), User: fromParam('HTTPUser') })),
});

/** The one call a test makes: when, the HTTP status and the body the endpoint answered (test-callback.md). */
const testCallLog = recordMap('CallBackLogInfo', {
  Date: date('testedAt'),
  ReturnCode: int('httpStatus'),
  Message: str('responseBody'),
});

const theTestCall: FieldRule = {
  from: 'httpStatus',
  read: (d, p) => (d['httpStatus'] === undefined || d['httpStatus'] === null ? undefined : [mapRecord(testCallLog, d, p)]),
};

/**
 * rest-api/callbacks/test-callback.md answers callbackId, url, httpStatus, responseBody and testedAt; the WSDL
 * answers the queue record of the test call ("Create a test call for a specific CallBackEventID"), so Test is true
 * and its log holds the call. REST gives no queue record ID and no delivery status.
 */
export const testCallRecord = recordMap('CallBackQueueIDInfo', {
  Date: date('testedAt'),
  CallBackEvent: nested(recordMap('CallBackEventIDInfo', { CallBackEventID: int('callbackId'), URL: str('url') })),
  Test: constant(true),
  CallBackLog: theTestCall,
});

/** The log entry's fields REST does not give (the list rule has no nested map to derive them from). */
export const TEST_CALL_LOG_LOSSY: readonly string[] = lossyFields(testCallLog).map((f) => `CallBackLog[].${f}`);
