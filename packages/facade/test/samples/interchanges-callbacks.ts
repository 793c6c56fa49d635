import type { FacadeOperation } from '../../src/index.js';

/** Sample SOAP parameters the documentation checks need beyond the defaults (`sampleParams`), by operation. */

/** The ISA segment of rest-api/interchanges/get-date.md and get-header.md (REST takes ISA headers only). */
export const SAMPLE_ISA = 'ISA*00*          *00*          *ZZ*ACMECORP       *ZZ*BUYERINC       *260501*1030*^*00501*000000001*0*P*>';

export const overrides: Partial<Record<FacadeOperation, Record<string, unknown>>> = {
  InterchangeDate: { InterchangeHeader: SAMPLE_ISA },
  InterchangeHeaderInfo: { InterchangeHeader: SAMPLE_ISA },
  InterchangeHeaderInfoB: { InterchangeHeader: Buffer.from(SAMPLE_ISA, 'ascii') },
  // create-callback.md has no field for these: only their defaults are expressible.
  CallBackAddEx: {
    URL: 'https://app.example.com/webhooks/ecgrid',
    UserID: 0,
    ObjectStatus: 0,
    Direction: 'NoDir',
    Frequency: 0,
    MaxRetries: 0,
    HTTPUser: 'webhook_user',
    HTTPPassword: 's3cr3t!',
  },
  // test-callback.md sends its own payload.
  CallBackTest: { ParcelID: 0, InterchangeID: 0, UserID: 0 },
};
