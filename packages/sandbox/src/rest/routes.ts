import type { EndpointName, HttpMethod } from '@ecgrid-bridge/catalog';
import { endpoint } from './endpoint.js';
import { ServiceError, invalidParameter } from '../errors.js';
import type { Caller } from '../service/auth.js';
import { type ListSettings, paginate, restPageLimits } from '../service/paging.js';
import type { SandboxService } from '../service/service.js';
import { type Json, base64Content, optDate, optInt, optString, pathId, reqInt, reqString } from './input.js';
import * as json from './json.js';

export interface RestContext {
  readonly service: SandboxService;
  readonly body: Json;
  readonly params: Readonly<Record<string, string>>;
  readonly caller: Caller;
  readonly lists: Readonly<ListSettings>;
}

export interface RestRoute {
  readonly endpoint: EndpointName;
  readonly method: HttpMethod;
  /** As documented, e.g. `/v2/parcels/{id}`. */
  readonly path: string;
  /** The SOAP operations this endpoint serves (for fault scoping). */
  readonly operations: readonly string[];
  /** False for endpoints that take no credential (or check their own). */
  readonly auth: boolean;
  handle(ctx: RestContext): unknown;
}

/** One page of a list, under the paging its endpoint documents and the server's page-size cap, if any. */
const page = <T>(ctx: RestContext, name: EndpointName, list: readonly T[]) =>
  paginate(list, optInt(ctx.body, 'pageNo'), optInt(ctx.body, 'recordsPerPage'), restPageLimits(name), ctx.lists.pageSizeCap);

const id = (ctx: RestContext) => pathId(ctx.params['id'] ?? '');

/**
 * rest-api/parcels/inbox-list.md, outbox-list.md and pending-inbox-list.md: `mailboxId` "defaults to authenticated
 * user's mailbox". A caller without a mailbox of its own (network or root level, mailboxId 0) gets every mailbox in
 * its scope: the sandbox's choice, as the pages do not say.
 */
const mailboxOrOwn = (ctx: RestContext): number | undefined => {
  const given = optInt(ctx.body, 'mailboxId');
  if (given !== undefined && given !== 0) return given;
  return ctx.caller.user.mailboxId > 0 ? ctx.caller.user.mailboxId : undefined;
};

function parcelList(ctx: RestContext, box: 'inbox' | 'outbox') {
  const b = ctx.body;
  const list = ctx.service.parcels(ctx.caller, {
    box,
    mailboxId: mailboxOrOwn(ctx),
    fromEcgridId: optInt(b, 'ecGridIdFrom'),
    toEcgridId: optInt(b, 'ecGridIdTo'),
    status: optString(b, 'status'),
    begin: optDate(b, 'beginDate'),
    end: optDate(b, 'endDate'),
  });
  return page(ctx, box === 'inbox' ? 'parcels.inboxList' : 'parcels.outboxList', list).items.map((p) =>
    json.parcel(p, box === 'inbox' ? 'to' : 'from', ctx.service),
  );
}

function interchangeList(ctx: RestContext, box: 'inbox' | 'outbox') {
  const b = ctx.body;
  const list = ctx.service.interchanges(ctx.caller, {
    box,
    mailboxId: optInt(b, 'mailboxId'),
    fromEcgridId: optInt(b, 'ecGridIdFrom'),
    toEcgridId: optInt(b, 'ecGridIdTo'),
    begin: optDate(b, 'beginDate'),
    end: optDate(b, 'endDate'),
  });
  const p = page(ctx, box === 'inbox' ? 'interchanges.inboxList' : 'interchanges.outboxList', list);
  return {
    totalRecords: p.totalRecords,
    pageNo: p.pageNo,
    recordsPerPage: p.recordsPerPage,
    interchanges: p.items.map((ic) => json.interchange(ic, ctx.service)),
  };
}

/** Whether the caller sees a parcel from its receiving side. */
function receivingSide(ctx: RestContext, mailboxId: number): boolean {
  try {
    ctx.service.mailbox(ctx.caller, mailboxId);
    return true;
  } catch (err) {
    if (err instanceof ServiceError) return false;
    throw err;
  }
}

/** Authenticated `/v2` endpoints (the auth endpoints are in the front). Literal routes come before `{id}` routes. */
export const REST_ROUTES: readonly RestRoute[] = [
  {
    ...endpoint('users.getMe'),
    operations: ['WhoAmI'],
    auth: true,
    handle: (ctx) => json.user(ctx.caller.user),
  },
  {
    ...endpoint('users.getApiKey'),
    operations: ['UserGetAPIKey'],
    auth: true,
    handle: (ctx) => ctx.service.apiKey(ctx.caller, id(ctx)),
  },
  {
    ...endpoint('users.list'),
    operations: ['UserList'],
    auth: true,
    handle: (ctx) => {
      const b = ctx.body;
      const list = ctx.service.users(ctx.caller, {
        networkId: optInt(b, 'networkId'),
        mailboxId: optInt(b, 'mailboxId'),
        authLevel: optString(b, 'authLevel'),
        status: optString(b, 'status'),
      });
      return page(ctx, 'users.list', list).items.map(json.user);
    },
  },
  { ...endpoint('users.get'), operations: ['UserInfo'], auth: true, handle: (ctx) => json.user(ctx.service.user(ctx.caller, id(ctx))) },
  {
    ...endpoint('networks.list'),
    operations: ['NetworkList'],
    auth: true,
    handle: (ctx) => {
      const b = ctx.body;
      const p = page(
        ctx,
        'networks.list',
        ctx.service.networks(ctx.caller, { networkId: optInt(b, 'networkId'), mailboxId: optInt(b, 'mailboxId'), status: optString(b, 'status') }),
      );
      return { totalRecords: p.totalRecords, pageNo: p.pageNo, recordsPerPage: p.recordsPerPage, networks: p.items.map(json.network) };
    },
  },
  { ...endpoint('networks.get'), operations: ['NetworkInfo'], auth: true, handle: (ctx) => json.network(ctx.service.network(ctx.caller, id(ctx))) },
  {
    ...endpoint('mailboxes.list'),
    operations: ['MailboxList'],
    auth: true,
    handle: (ctx) => {
      const b = ctx.body;
      const p = page(ctx, 'mailboxes.list', ctx.service.mailboxes(ctx.caller, { networkId: optInt(b, 'networkId'), status: optString(b, 'status') }));
      return { totalRecords: p.totalRecords, pageNo: p.pageNo, recordsPerPage: p.recordsPerPage, mailboxes: p.items.map(json.mailbox) };
    },
  },
  { ...endpoint('mailboxes.get'), operations: ['MailboxInfo'], auth: true, handle: (ctx) => json.mailbox(ctx.service.mailbox(ctx.caller, id(ctx))) },
  {
    ...endpoint('ids.find'),
    operations: ['TPSearch'],
    auth: true,
    handle: (ctx) =>
      ctx.service
        .searchTradingPartners(ctx.caller, { qualifier: reqString(ctx.body, 'qualifier'), id: reqString(ctx.body, 'id'), activeOnly: false })
        .map(json.tradingPartner),
  },
  {
    ...endpoint('ids.list'),
    operations: ['TPList'],
    auth: true,
    handle: (ctx) => {
      const b = ctx.body;
      const list = ctx.service.tradingPartners(ctx.caller, {
        mailboxId: optInt(b, 'mailboxId'),
        networkId: optInt(b, 'networkId'),
        restStatus: optString(b, 'status'),
        activeOnly: false,
      });
      return page(ctx, 'ids.list', list).items.map(json.tradingPartner);
    },
  },
  { ...endpoint('ids.get'), operations: ['TPInfo'], auth: true, handle: (ctx) => json.tradingPartner(ctx.service.tradingPartner(ctx.caller, id(ctx))) },
  {
    ...endpoint('partners.get'),
    operations: ['InterconnectInfo'],
    auth: true,
    handle: (ctx) => json.interconnect(ctx.service.interconnect(ctx.caller, id(ctx))),
  },
  {
    ...endpoint('parcels.inboxList'),
    operations: ['ParcelInBox', 'ParcelInBoxEx', 'ParcelInBoxArchive'],
    auth: true,
    handle: (ctx) => parcelList(ctx, 'inbox'),
  },
  {
    ...endpoint('parcels.pendingInboxList'),
    operations: ['ParcelInBox'],
    auth: true,
    // pending-inbox-list.md: "inbound parcels with `InBoxReady` status that have not yet been downloaded", so a
    // downloaded but unconfirmed parcel (InBoxTransferred) is not on it.
    handle: (ctx) =>
      ctx.service
        .parcels(ctx.caller, { box: 'inbox', state: 'ready', mailboxId: mailboxOrOwn(ctx) })
        .map((p) => json.parcel(p, 'to', ctx.service, false)),
  },
  { ...endpoint('parcels.outboxList'), operations: ['ParcelOutBoxArchive'], auth: true, handle: (ctx) => parcelList(ctx, 'outbox') },
  {
    ...endpoint('parcels.getManifest'),
    operations: ['ParcelManifest'],
    auth: true,
    handle: (ctx) => ctx.service.manifest(ctx.caller, id(ctx)).interchanges.map((ic) => json.manifestEntry(ic, ctx.service)),
  },
  {
    ...endpoint('parcels.download'),
    operations: ['ParcelDownload'],
    auth: true,
    handle: (ctx) => {
      const file = ctx.service.download(ctx.caller, reqInt(ctx.body, 'parcelId'));
      return { parcelId: file.parcel.parcelId, fileName: file.parcel.fileName, content: file.content.toString('base64'), bytes: file.parcel.bytes };
    },
  },
  {
    ...endpoint('parcels.confirmDownload'),
    operations: ['ParcelDownloadConfirm'],
    auth: true,
    handle: (ctx) => ctx.service.confirm(ctx.caller, reqInt(ctx.body, 'parcelId')),
  },
  {
    ...endpoint('parcels.resetToInbox'),
    operations: ['ParcelDownloadReset'],
    auth: true,
    handle: (ctx) => ctx.service.reset(ctx.caller, id(ctx)),
  },
  {
    ...endpoint('parcels.upload'),
    operations: ['ParcelUpload', 'ParcelUploadEx'],
    auth: true,
    handle: (ctx) => {
      const b = ctx.body;
      const fileName = optString(b, 'fileName');
      if (fileName === undefined || fileName.trim() === '') throw invalidParameter('fileName is required');
      return ctx.service.upload(ctx.caller, {
        fileName,
        content: base64Content(b, 'content'),
        bytes: optInt(b, 'bytes'),
        mailboxId: optInt(b, 'mailboxId'),
        fromEcgridId: optInt(b, 'ecGridIdFrom'),
        toEcgridId: optInt(b, 'ecGridIdTo'),
      }).parcelId;
    },
  },
  {
    ...endpoint('parcels.get'),
    operations: ['ParcelInfo'],
    auth: true,
    handle: (ctx) => {
      const p = ctx.service.parcel(ctx.caller, id(ctx));
      return json.parcel(p, receivingSide(ctx, p.toMailboxId) ? 'to' : 'from', ctx.service);
    },
  },
  {
    ...endpoint('interchanges.inboxList'),
    operations: ['InterchangeInBox'],
    auth: true,
    handle: (ctx) => interchangeList(ctx, 'inbox'),
  },
  {
    ...endpoint('interchanges.outboxList'),
    operations: ['InterchangeOutBox'],
    auth: true,
    handle: (ctx) => interchangeList(ctx, 'outbox'),
  },
  {
    ...endpoint('interchanges.get'),
    operations: ['InterchangeInfo'],
    auth: true,
    handle: (ctx) => json.interchange(ctx.service.interchange(ctx.caller, id(ctx)), ctx.service),
  },
];

/** Matches a path against a template with `{name}` segments. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    const value = p[i]!;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (value === '') return undefined;
      params[seg.slice(1, -1)] = decodeURIComponent(value);
    } else if (seg !== value) {
      return undefined;
    }
  }
  return params;
}
