import type { OperationName } from '@ecgrid-bridge/soap';

/**
 * The WSDL operations the sandbox does not emulate, each with the reason: none of them reads or changes an object the
 * sandbox stores, or each would need facts the vendor's documentation does not give. A call answers a SOAP fault
 * that names the operation and the reason.
 */
export const NOT_EMULATED = {
  StatusList: "StatusInfo is keyed by a numeric Code that no page lists (rest-api/status-lists/get-status-lists.md has names only), so every code would be invented",
  X400Format: 'it formats an X.400 address from its parts, and no page gives the format',
  NetworkOutageList: 'the sandbox models no network outages (NetworkIDInfo.NetworkStatus is always NormalOperation)',
  ParcelDownloadS3: "it stores the parcel in the caller's Amazon S3 bucket, a service outside the sandbox",
  TPAddVAN: 'the sandbox routes IDs to mailboxes and models no VAN connections',
  MigrationAdd: 'the sandbox models no migrations',
  MigrationAddEx: 'the sandbox models no migrations',
  MigrationAddTP: 'the sandbox models no migrations',
  MigrationInfo: 'the sandbox models no migrations',
  MigrationList: 'the sandbox models no migrations',
  MigrationListEx: 'the sandbox models no migrations',
} as const satisfies Readonly<Partial<Record<OperationName, string>>>;

/** The operations the sandbox emulates: every WSDL operation but those (the operation table has each, see index.ts). */
export type SandboxOperation = Exclude<OperationName, keyof typeof NOT_EMULATED>;

/** Why an operation is not emulated, for its fault. */
export const notEmulatedBecause = (operation: string): string | undefined => Object.entries(NOT_EMULATED).find(([name]) => name === operation)?.[1];
