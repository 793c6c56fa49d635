import type { RestPaths } from './paths.js';
import {
  callOptions,
  type CallOptions,
  type EndpointCall,
  type IsoDateTime,
  type LongId,
  type OpenString,
  type ParcelStatus,
} from './common.js';


/** A parcel as GET /v2/parcels/{id} and the inbox/outbox lists return it (ParcelIDInfo). */
export interface ParcelInfo {
  parcelId: number;
  mailboxId: number;
  networkId: number;
  fileName: string;
  bytes: number;
  status: OpenString<ParcelStatus>;
  ecGridIdFrom: number;
  ecGridIdTo: number;
  created: IsoDateTime;
  modified: IsoDateTime;
}

/** A parcel as POST /v2/parcels/pending-inbox-list returns it: its example has no `status`. */
export interface PendingParcelInfo extends Omit<ParcelInfo, 'status'> {
  status?: OpenString<ParcelStatus>;
}

/** POST /v2/parcels/inbox-list and outbox-list body. */
export interface ParcelListRequest {
  mailboxId?: number;
  ecGridIdFrom?: number;
  ecGridIdTo?: number;
  status?: OpenString<ParcelStatus>;
  beginDate?: IsoDateTime;
  endDate?: IsoDateTime;
  /** Defaults to 1. */
  pageNo?: number;
  /** Defaults to 25. */
  recordsPerPage?: number;
}

/** POST /v2/parcels/pending-inbox-list body. */
export interface PendingInboxListRequest {
  mailboxId?: number;
}

/** POST /v2/parcels/download and /v2/parcels/confirm body. */
export interface ParcelIdRequest {
  parcelId: LongId;
}

/** POST /v2/parcels/download `data`: the file, base64-encoded in `content`. */
export interface ParcelDownloadData {
  parcelId: number;
  fileName: string;
  /** Base64. */
  content: string;
  bytes: number;
}

/** POST /v2/parcels/upload body. */
export interface ParcelUploadRequest {
  /** Non-empty. */
  fileName: string;
  /** Base64. */
  content: string;
  bytes?: number;
  ecGridIdFrom?: number;
  ecGridIdTo?: number;
  mailboxId?: number;
}

/** {@link ParcelUploadRequest} with raw bytes instead of base64; `content` and `bytes` are computed. */
export interface ParcelUploadBytesRequest extends Omit<ParcelUploadRequest, 'content' | 'bytes'> {
  data: Uint8Array | string;
}

/** One entry of GET /v2/parcels/manifest/{id} (ManifestInfo). */
export interface ManifestEntry {
  interchangeId: number;
  sender: string;
  receiver: string;
  documentType: string;
  count: number;
}

export interface ParcelEndpoints {
  inboxList(body?: ParcelListRequest, options?: CallOptions): Promise<ParcelInfo[]>;
  pendingInboxList(body?: PendingInboxListRequest, options?: CallOptions): Promise<PendingParcelInfo[]>;
  outboxList(body?: ParcelListRequest, options?: CallOptions): Promise<ParcelInfo[]>;
  /**
   * The whole parcel in memory, base64 in `content`. Repeating a download is harmless, so it is retried like
   * a read. For large parcels use `client.downloadToStream`.
   */
  download(body: ParcelIdRequest, options?: CallOptions): Promise<ParcelDownloadData>;
  confirm(body: ParcelIdRequest, options?: CallOptions): Promise<boolean>;
  /** Returns the new parcel's ID. Never retried: a failure after sending is a RestOutcomeUnknownError. */
  upload(body: ParcelUploadRequest, options?: CallOptions): Promise<number>;
  /** `upload` with the base64 encoding and byte count done for you. */
  uploadBytes(body: ParcelUploadBytesRequest, options?: CallOptions): Promise<number>;
  get(parcelId: LongId, options?: CallOptions): Promise<ParcelInfo>;
  manifest(parcelId: LongId, options?: CallOptions): Promise<ManifestEntry[]>;
  resetToInbox(parcelId: LongId, options?: CallOptions): Promise<boolean>;
}

export function parcelEndpoints(call: EndpointCall, paths: RestPaths): ParcelEndpoints {
  const upload = (body: ParcelUploadRequest, options?: CallOptions): Promise<number> =>
    call<number>({ method: 'POST', path: paths['parcels.upload'], body, idempotent: false, ...callOptions(options) });
  return {
    inboxList: (body = {}, options) =>
      call<ParcelInfo[]>({ method: 'POST', path: paths['parcels.inboxList'], body, idempotent: true, ...callOptions(options) }),
    pendingInboxList: (body = {}, options) =>
      call<PendingParcelInfo[]>({
        method: 'POST',
        path: paths['parcels.pendingInboxList'],
        body,
        idempotent: true,
        ...callOptions(options),
      }),
    outboxList: (body = {}, options) =>
      call<ParcelInfo[]>({ method: 'POST', path: paths['parcels.outboxList'], body, idempotent: true, ...callOptions(options) }),
    download: (body, options) =>
      call<ParcelDownloadData>({
        method: 'POST',
        path: paths['parcels.download'],
        body,
        idempotent: true,
        ...callOptions(options),
      }),
    confirm: (body, options) =>
      call<boolean>({ method: 'POST', path: paths['parcels.confirmDownload'], body, ...callOptions(options) }),
    upload,
    uploadBytes: ({ data, ...rest }, options) => {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      return upload({ ...rest, content: bytes.toString('base64'), bytes: bytes.length }, options);
    },
    get: (parcelId, options) =>
      call<ParcelInfo>({ method: 'GET', path: paths['parcels.get'], pathParams: { id: parcelId }, ...callOptions(options) }),
    manifest: (parcelId, options) =>
      call<ManifestEntry[]>({
        method: 'GET',
        path: paths['parcels.getManifest'],
        pathParams: { id: parcelId },
        ...callOptions(options),
      }),
    resetToInbox: (parcelId, options) =>
      call<boolean>({
        method: 'POST',
        path: paths['parcels.resetToInbox'],
        pathParams: { id: parcelId },
        ...callOptions(options),
      }),
  };
}
