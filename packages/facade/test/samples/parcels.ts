import type { FacadeOperation } from '../../src/index.js';

/** The documented examples of rest-api/parcels/*.md: a file name, base64 content, a mailbag control ID, a note. */
const FILE_NAME = 'po_batch_20260507.edi';
const CONTENT_BASE64 = Buffer.from('ISA*00*          *00*~').toString('base64');
const MAILBAG_CONTROL_ID = 'ACME-2026050701';

/**
 * Sample SOAP parameters the documentation checks need beyond the defaults (`sampleParams`), by operation: the
 * non-empty texts REST requires (fileName, mailbagControlId, note), and options REST has no field for left off.
 */
export const overrides: Partial<Record<FacadeOperation, Record<string, unknown>>> = {
  ParcelUpload: { FileName: FILE_NAME },
  ParcelUploadA: { FileName: FILE_NAME, ContentBase64: CONTENT_BASE64 },
  ParcelUploadEx: { FileName: FILE_NAME },
  ParcelUploadExA: { FileName: FILE_NAME, ContentBase64: CONTENT_BASE64 },
  ParcelUploadMft: { FileName: FILE_NAME },
  ParcelUploadMftA: { FileName: FILE_NAME, ContentBase64: CONTENT_BASE64 },
  ParcelSetMailbagControlID: { MailbagControlID: MAILBAG_CONTROL_ID },
  ParcelFindMailbagControlID: { MailbagControlID: MAILBAG_CONTROL_ID },
  ParcelAcknowledgmentNote: { Note: 'Received and processed by AP system at 2026-05-07T10:15:00Z.' },
  ParcelUpdateStatus: { TransLogOnly: false },
  /** send-test-file.md's documentType is a transaction set: only X12 (the REST default, assumed) is expressible. */
  ParcelTest: { DocumentType: 'X12' },
};
