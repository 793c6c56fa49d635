import type { FacadeOperation } from '../../src/index.js';
import { DOTNET_MIN_DATE } from '../../src/mapping/index.js';

/** The session's own scope: the only one the REST reports cover. */
const SESSION_SCOPE = { NetworkID: 0, MailboxID: 0 };

/** Channel settings create-comm.md and update-comm.md have no field for, unset (see comms.ts). */
const UNSET_SETTINGS = {
  OwnerUserID: 0,
  URL: '',
  Version: '',
  SignData: false,
  EncryptData: false,
  CompressData: false,
  ReceiptType: 'None',
  HTTPAuthentication: 'None',
  HTTPUser: '',
  HTTPPassword: '',
  BeginUsage: DOTNET_MIN_DATE,
  EndUsage: DOTNET_MIN_DATE,
};

/** Sample SOAP parameters the documentation checks need beyond the defaults (`sampleParams`), by operation. */
export const overrides: Partial<Record<FacadeOperation, Record<string, unknown>>> = {
  ReportMonthlyEx: SESSION_SCOPE,
  ReportByDateEx: SESSION_SCOPE,
  ReportTrafficStatsEx: SESSION_SCOPE,
  ReportInstantStatsEx: { ...SESSION_SCOPE, ECGridID: 0 },
  ReportMailboxStatsEx: SESSION_SCOPE,
  ReportMailboxInterchangeStatsEx: SESSION_SCOPE,
  ReportInterchangeStatsEx: SESSION_SCOPE,
  // The documented examples (create-comm.md, update-comm.md) with every other setting unset.
  CommAdd: { ...UNSET_SETTINGS, MailboxID: 101, CommType: 'as2', Identifier: 'MYCOMPANY-AS2', UseType: 'Production', ECGridHosted: false, Status: 'Active' },
  CommUpdate: { ...UNSET_SETTINGS, CommID: 5001, Identifier: 'MYCOMPANY-AS2-NEW', UseType: 'Undefined' },
  // Filters the documented example answers pass, so the result maps are checked on a non-empty list.
  CommListEx: { NetworkID: 0, MailboxID: 101 },
  CommFind: { Identifier: 'MYCOMPANY-AS2', CommType: 'as2', UseType: 'Production' },
  CommPair: { CommType: 'as2', TestMode: false },
  CertificateAddPublicA: { CertBase64: 'MIIDXTCCAkWgAwIBAgIJAJC1HiIAZAiI' },
  CertAddPrivateA: { CertBase64: 'MIIKxAIBAzCCCn4GCSqGSIb3DQEHAaCC' },
};
