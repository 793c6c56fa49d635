import { date, enumOf, int, nested, recordMap, str } from './fields.js';

/** rest-api/interchanges/get-interchange.md: `sender`/`receiver` are the trading-partner IDs of the envelope. */
export const interchangeRecord = recordMap('InterchangeIDInfo', {
  InterchangeID: int('interchangeId'),
  Standard: enumOf('standard', 'EDIStandard'),
  DocumentType: str('documentType'),
  InterchangeProcessDate: date('created'),
  StatusCode: str('status'),
  TPFrom: nested(recordMap('ECGridIDInfo', { ID: str('sender') })),
  TPTo: nested(recordMap('ECGridIDInfo', { ID: str('receiver') })),
});
