import type { OperationName } from './generated/index.js';

/**
 * The first slice of operations bridged end to end: served by the facade on both backends and implemented by the
 * sandbox on both protocols.
 */
export const FIRST_SLICE_OPERATIONS = [
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
] as const satisfies readonly OperationName[];

export type FirstSliceOperation = (typeof FIRST_SLICE_OPERATIONS)[number];
