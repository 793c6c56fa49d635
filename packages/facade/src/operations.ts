import type { OperationParams, OperationResults } from '@ecgrid-bridge/soap';

/** The operations the facade serves, named as in the WSDL. */
export const FACADE_OPERATIONS = [
  'Login',
  'Logout',
  'WhoAmI',
  'SessionLog',
  'Version',
  'NetworkInfo',
  'NetworkList',
  'MailboxInfo',
  'MailboxList',
  'TPInfo',
  'TPSearch',
  'TPList',
  'InterconnectInfo',
  'ParcelInBox',
  'ParcelInBoxEx',
  'ParcelInBoxArchive',
  'ParcelOutBoxArchive',
  'ParcelInfo',
  'ParcelManifest',
  'ParcelDownload',
  'ParcelDownloadConfirm',
  'ParcelDownloadReset',
  'ParcelUpload',
  'ParcelUploadEx',
  'InterchangeInfo',
  'InterchangeInBox',
  'InterchangeOutBox',
  'UserInfo',
  'UserList',
  'UserGetAPIKey',
] as const;

export type FacadeOperation = (typeof FACADE_OPERATIONS)[number];

/** The SOAP parameters of an operation without the SessionID: the facade manages the session. */
export type FacadeParams<Op extends FacadeOperation> = Omit<OperationParams[Op], 'SessionID'>;

export type FacadeResult<Op extends FacadeOperation> = OperationResults[Op];

export type BackendName = 'soap' | 'rest';

export function isFacadeOperation(name: string): name is FacadeOperation {
  return (FACADE_OPERATIONS as readonly string[]).includes(name);
}
