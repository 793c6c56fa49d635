import type { OperationName } from '@ecgrid-bridge/soap';

/** The ECGridOS operations the sandbox implements, on SOAP (all of them) and REST (all but SessionLog). */
export const SANDBOX_OPERATIONS = [
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
  'ParcelUploadA',
  'ParcelUploadExA',
  'ParcelUploadMft',
  'ParcelUploadMftA',
  'ParcelDownloadA',
  'ParcelDownloadNoUpdate',
  'ParcelDownloadNoUpdateA',
  'ParcelInBoxExShort',
  'ParcelOutBoxError',
  'ParcelOutBoxErrorEx',
  'InterchangeInfo',
  'InterchangeInBox',
  'InterchangeOutBox',
  'UserInfo',
  'UserList',
  'UserGetAPIKey',
] as const satisfies readonly OperationName[];

export type SandboxOperation = (typeof SANDBOX_OPERATIONS)[number];

export const isSandboxOperation = (name: string): name is SandboxOperation =>
  (SANDBOX_OPERATIONS as readonly string[]).includes(name);
