import fc from 'fast-check';
import { createHmac, randomBytes } from 'node:crypto';
import { interactionBody } from '@hydrator/sandbox';
import { cancelLinkToken } from '@hydrator/scheduling';
import { Answer, readAnswer } from './edge-invariants';
import { HUGE, hostileId, hostileString, nested, wrongType } from './hostile-values';
import { printable } from './printable';

/**
 * Requests to the two anonymous endpoints of the gateway, as models that print readably in a
 * counterexample: `GET/POST /api/cancel-links/:id` (a signed cancel link) and `POST /slack/interactions`
 * (a Slack-signed interaction). {@link sendCancelLink} and {@link sendInteraction} put them on the wire.
 */

/** What the test knows of the planned fleet and of the secrets the Hydrator under test was started with. */
export interface AnonymousTarget {
  url: string;
  deploymentIds: string[];
  cancelLinkSecret: string;
  signingSecret: string;
}

// ---------------------------------------------------------------------------------------------
// Cancel links

/** The `:id` of the path: a planned deployment (by index), a UUID of nothing, or a hostile value, encoded or raw. */
export type LinkId = { known: number } | { uuid: string } | { encoded: string } | { raw: string };

/**
 * How the token is (not) given. `own` is the right token of the path's id: on a planned deployment it
 * only comes with a reason that must be refused (see {@link refusedReason}), so nothing is ever canceled.
 */
export type LinkToken =
  | { kind: 'none' | 'empty' | 'own' | 'own-with-nul' | 'own-prefix' | 'own-uppercase' | 'own-twice' | 'own-in-array' | 'other-secret' }
  | { kind: 'other-deployment'; index: number }
  | { kind: 'forged'; value: string }
  | { kind: 'hostile'; value: unknown };

export type LinkBody = { json: unknown } | { text: string } | { latin1: string } | { huge: number };

export interface CancelLinkRequest {
  method: 'GET' | 'POST';
  id: LinkId;
  token: LinkToken;
  /** POST only: the reason beside the token in a JSON body, or a body with no relation to it. */
  reason?: unknown;
  body?: LinkBody;
  contentType?: string;
  contentEncoding?: string;
}

const RAW_SEGMENTS = ['%', '%zz', '%00', '%2F', 'a%2Fb', '..%2F', '%2e%2e%2F', '%E0%A4%A', '%C0%80', '%ED%A0%80', '%uD800', ' ', '%20', '%0A', 'x'.repeat(HUGE), `${'%'.repeat(3000)}`];

export const linkId = (known: number): fc.Arbitrary<LinkId> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.nat({ max: known - 1 }).map((index) => ({ known: index })) },
      { weight: 2, arbitrary: fc.uuid().map((uuid) => ({ uuid })) },
      { weight: 2, arbitrary: hostileId.map((encoded) => ({ encoded })) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((raw) => ({ raw })) },
    )
    .filter((id) => !('encoded' in id) || !isDotSegment(percentEncode(id.encoded)));

/** `.` and `..` (however escaped) are resolved by the client's URL parser: the request would go to another route. */
function isDotSegment(segment: string): boolean {
  return /^(\.|%2e){1,2}$/i.test(segment);
}

export const linkToken = (known: number): fc.Arbitrary<LinkToken> =>
  fc.oneof(
    fc.constantFrom<LinkToken>(
      { kind: 'none' },
      { kind: 'empty' },
      { kind: 'own' },
      { kind: 'own-with-nul' },
      { kind: 'own-prefix' },
      { kind: 'own-uppercase' },
      { kind: 'own-twice' },
      { kind: 'own-in-array' },
      { kind: 'other-secret' },
    ),
    fc.nat({ max: known - 1 }).map((index): LinkToken => ({ kind: 'other-deployment', index })),
    fc.stringMatching(/^[\w-]{43}$/).map((value): LinkToken => ({ kind: 'forged', value })),
    fc.oneof(hostileString, wrongType).map((value): LinkToken => ({ kind: 'hostile', value })),
  );

/** Reasons PostgreSQL refuses to store (NUL, a lone surrogate), around otherwise good text. */
export const unstorableReason: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('\u0000', '\ud800', '\udfff', '\udc00\ud800'), fc.constantFrom('', 'not this week', 'why: '))
  .map(([bad, text]) => `${text}${bad}${text}`);

/** Reasons the right token must still be refused with (400): not a string, blank, too long. */
export const refusedReason: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, 1, true, [], {}, ['why'], { reason: 'why' }, '', '   ', '\t\r\n', '\u00a0\u2003', 'z'.repeat(2001), ` ${'z'.repeat(2001)} `),
  // What PostgreSQL cannot store: these were a 500 (the audit event's insert failed) before the endpoints checked them.
  unstorableReason,
  wrongType.filter((value) => typeof value !== 'string'),
);

/** Any reason, for a token that is not the right one (or an id nothing has): whatever it says, nothing changes. */
export const anyReason: fc.Arbitrary<unknown> = fc.oneof(refusedReason, hostileString, fc.constant('not this week'));

const HOSTILE_CONTENT_TYPES = [
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/vnd.api+json',
  '',
  '*/*',
];
const HOSTILE_ENCODINGS = ['gzip', 'deflate', 'br', 'bogus', 'identity', 'IDENTITY', 'gzip, identity', ''];

export const randomBody: fc.Arbitrary<LinkBody> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })),
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ text })),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => ({ latin1: Buffer.from(bytes).toString('latin1') })),
  fc.constantFrom<LinkBody>(
    { text: '' },
    { text: '{' },
    { text: 'null' },
    { text: '"token"' },
    { text: '{"token": "a", "token": "b", "reason": "x"}' },
    { text: '{"__proto__": {"token": "x"}, "reason": "x"}' },
    { text: `${'['.repeat(5000)}${']'.repeat(5000)}` },
    { json: nested(200) },
    { latin1: '{"token": "\xff\xfe", "reason": "x"}' },
    { huge: 1024 * 1024 + 1 },
  ),
);

export const cancelLinkRequest = (known: number): fc.Arbitrary<CancelLinkRequest> =>
  fc
    .record({
      method: fc.constantFrom<Array<'GET' | 'POST'>>('GET', 'POST'),
      id: linkId(known),
      token: linkToken(known),
      reason: anyReason,
      refused: refusedReason,
      body: fc.option(randomBody, { nil: undefined, freq: 4 }),
      contentType: fc.oneof({ weight: 3, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.option(fc.constantFrom(...HOSTILE_CONTENT_TYPES), { nil: undefined }) }),
      contentEncoding: fc.option(fc.constantFrom(...HOSTILE_ENCODINGS), { nil: undefined, freq: 6 }),
    })
    .map(({ method, id, token, reason, refused, body, contentType, contentEncoding }) => {
      // The right token of a planned deployment cancels it with any real reason: give it one that must be refused.
      const mayCancel = 'known' in id && (token.kind === 'own' || token.kind === 'own-twice');
      const request: CancelLinkRequest =
        method === 'GET' ? { method, id, token } : { method, id, token, reason: mayCancel ? refused : reason, body: mayCancel ? undefined : body, contentType, contentEncoding };
      return printable(stripUndefined(request));
    });

/** The path segment of `id`, exactly as it goes on the wire. */
function pathSegment(id: LinkId, target: AnonymousTarget): string {
  if ('known' in id) return target.deploymentIds[id.known];
  if ('uuid' in id) return id.uuid;
  if ('encoded' in id) return percentEncode(id.encoded);
  return id.raw;
}

/** The id the endpoint sees (decoded), for the token: undefined when the segment does not decode. */
function decodedId(id: LinkId, target: AnonymousTarget): string {
  if ('known' in id) return target.deploymentIds[id.known];
  if ('uuid' in id) return id.uuid;
  if ('encoded' in id) return id.encoded;
  try {
    return decodeURIComponent(id.raw);
  } catch {
    return id.raw;
  }
}

/** The token value (a string, or what a hostile JSON body carries) for `request`. */
function tokenValue(request: CancelLinkRequest, target: AnonymousTarget): unknown {
  const own = cancelLinkToken(target.cancelLinkSecret, decodedId(request.id, target));
  const { token } = request;
  switch (token.kind) {
    case 'none':
      return undefined;
    case 'empty':
      return '';
    case 'own':
    case 'own-twice':
      return own;
    case 'own-with-nul':
      return `${own}\u0000`;
    case 'own-prefix':
      return own.slice(0, -1);
    case 'own-uppercase':
      return own.toUpperCase() === own ? own.toLowerCase() : own.toUpperCase();
    case 'own-in-array':
      return [own];
    case 'other-secret':
      return cancelLinkToken(`another-${target.cancelLinkSecret}`, decodedId(request.id, target));
    case 'other-deployment': {
      const other = target.deploymentIds[token.index];
      return other === decodedId(request.id, target) ? cancelLinkToken(target.cancelLinkSecret, randomBytes(16).toString('hex')) : cancelLinkToken(target.cancelLinkSecret, other);
    }
    case 'forged':
    case 'hostile':
      return token.value;
  }
}

/** encodeURIComponent, and for a lone surrogate (which it refuses) the UTF-8 bytes Node would send for it. */
function percentEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
  }
}

function queryOf(request: CancelLinkRequest, token: unknown): string {
  if (token === undefined) return '';
  if (Array.isArray(token)) return `?token[]=${percentEncode(typeof token[0] === 'string' ? token[0] : (JSON.stringify(token[0]) ?? ''))}`;
  if (typeof token === 'object' && token !== null) return `?token[x]=1`;
  const value = percentEncode(typeof token === 'string' ? token : JSON.stringify(token));
  return request.token.kind === 'own-twice' ? `?token=${value}&token=${value}` : `?token=${value}`;
}

export interface WireRequest {
  url: string;
  init: RequestInit & { method: string; headers: Record<string, string> };
}

export function cancelLinkWire(request: CancelLinkRequest, target: AnonymousTarget): WireRequest {
  const token = tokenValue(request, target);
  const path = `${target.url}/api/cancel-links/${pathSegment(request.id, target)}`;
  if (request.method === 'GET') return { url: `${path}${queryOf(request, token)}`, init: { method: 'GET', headers: {} } };
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.contentEncoding !== undefined) headers['content-encoding'] = request.contentEncoding;
  const body = request.body ?? { json: { token, reason: request.reason } };
  return { url: path, init: { method: 'POST', headers, body: bodyBytes(body) } };
}

function bodyBytes(body: LinkBody): Buffer {
  if ('json' in body) return Buffer.from(JSON.stringify(body.json) ?? 'undefined', 'utf8');
  if ('text' in body) return Buffer.from(body.text, 'utf8');
  if ('latin1' in body) return Buffer.from(body.latin1, 'latin1');
  return Buffer.from(`{"token": "${'t'.repeat(body.huge)}"}`, 'utf8');
}

export async function send(wire: WireRequest): Promise<Answer> {
  return readAnswer(await fetch(wire.url, { ...wire.init, signal: AbortSignal.timeout(30_000) }));
}

// ---------------------------------------------------------------------------------------------
// Slack interactions

/** How the request is signed. `valid`: with SLACK_SIGNING_SECRET, over the exact bytes sent, as Slack does. */
export type SlackSigning = 'valid' | 'none' | 'other-secret' | 'uppercase' | 'v1' | 'truncated' | 'over-other-body' | 'random';
/** `now`: the current Unix time (drawn when sent, so shrinking never ages it); the rest must be refused. */
export type SlackTimestamp = { kind: 'now' | 'none' | 'old' | 'future' | 'millis' | 'fraction' | 'negative' | 'padded' } | { kind: 'hostile'; value: string };

export type SlackBody = { payload: unknown } | { payloadText: string } | { form: string } | { latin1: string } | { huge: number };

export interface InteractionRequest {
  signing: SlackSigning;
  timestamp: SlackTimestamp;
  contentType?: string;
  contentEncoding?: string;
  body: SlackBody;
}

const ACTION_IDS = ['hydrator_cancel', 'hydrator_cancel_select'];
const CHANNELS = ['team-web', 'team-api', '#team-web', 'C0RANDOM'];
/** Where an ephemeral answer would go: a closed local port, or nothing fetch may reach. */
const RESPONSE_URLS = ['http://127.0.0.1:9/response', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://127.0.0.1:9/', ''];

/** A payload field: the right kind of value, or anything hostile. */
const maybe = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: fc.oneof(hostileString, wrongType) });
const optional = <T>(value: fc.Arbitrary<T>) => fc.option(maybe(value), { nil: undefined, freq: 5 });

/** Interaction payloads of Slack's shapes, with known and unknown deployments and channels, and hostile fields. */
export const interactionPayload = (deploymentIds: fc.Arbitrary<string>): fc.Arbitrary<unknown> => {
  const deploymentId = fc.oneof(deploymentIds, fc.uuid(), hostileId);
  const action = fc.record(
    {
      type: maybe(fc.constantFrom('button', 'static_select')),
      action_id: maybe(fc.constantFrom(...ACTION_IDS)),
      value: maybe(deploymentId),
      selected_option: maybe(fc.record({ value: maybe(deploymentId) })),
    },
    { requiredKeys: [] },
  );
  const metadata = fc.oneof(
    fc.record({ deploymentId: maybe(deploymentId), channel: maybe(fc.constantFrom(...CHANNELS)) }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
    hostileString,
    wrongType,
  );
  const reasonValue = fc.oneof(hostileString, wrongType, fc.constant('not this week'));
  const view = fc.record(
    {
      type: maybe(fc.constant('modal')),
      callback_id: maybe(fc.constant('hydrator_cancel_reason')),
      private_metadata: metadata,
      state: maybe(fc.record({ values: maybe(fc.record({ reason: maybe(fc.record({ reason: maybe(fc.record({ type: fc.constant('plain_text_input'), value: reasonValue })) })) })) })),
    },
    { requiredKeys: [] },
  );
  const shaped = fc.record(
    {
      type: maybe(fc.constantFrom('block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'block_suggestion')),
      user: optional(fc.record({ id: maybe(fc.constantFrom('U0ALICE', 'U0MALLORY')) })),
      trigger_id: optional(fc.constant('1337.42.abcdef')),
      response_url: optional(fc.constantFrom(...RESPONSE_URLS)),
      channel: optional(fc.record({ id: maybe(fc.constantFrom(...CHANNELS)) })),
      container: optional(fc.record({ type: fc.constant('message'), channel_id: maybe(fc.constantFrom(...CHANNELS)) })),
      actions: optional(fc.array(maybe(action), { maxLength: 4 })),
      view: optional(view),
    },
    { requiredKeys: ['type'] },
  );
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(nested(300), { actions: Array.from({ length: 5000 }, () => ({})) }) },
  );
};

const FORMS = [
  '',
  'payload=',
  'payload',
  'payload=%',
  'payload=%zz',
  'payload=%7B',
  'payload=%00',
  'payload=%7B%7D&payload=%5B%5D',
  'a=1&b=2',
  `payload=${'%7B%22a%22%3A'.repeat(3000)}1${'%7D'.repeat(3000)}`,
];

export const slackBody = (deploymentIds: fc.Arbitrary<string>): fc.Arbitrary<SlackBody> =>
  fc.oneof(
    { weight: 6, arbitrary: interactionPayload(deploymentIds).map((payload) => ({ payload })) },
    { weight: 1, arbitrary: fc.oneof(hostileString, fc.json({ maxDepth: 2 })).map((payloadText) => ({ payloadText })) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...FORMS), fc.string({ unit: 'binary', maxLength: 60 })).map((form) => ({ form })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 60 }).map((bytes) => ({ latin1: Buffer.from(bytes).toString('latin1') })) },
    { weight: 1, arbitrary: fc.constantFrom<SlackBody>({ huge: 1024 * 1024 + 1 }, { huge: 1024 * 1024 - 64 }) },
  );

const SLACK_CONTENT_TYPES = [
  'application/x-www-form-urlencoded; charset=utf-8',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
  'application/x-www-form-urlencodedx',
];

export const interactionRequest = (deploymentIds: fc.Arbitrary<string>, signing: fc.Arbitrary<SlackSigning>): fc.Arbitrary<InteractionRequest> =>
  fc
    .record({
      signing,
      timestamp: fc.oneof(
        { weight: 6, arbitrary: fc.constant<SlackTimestamp>({ kind: 'now' }) },
        {
          weight: 2,
          arbitrary: fc.constantFrom<SlackTimestamp>({ kind: 'none' }, { kind: 'old' }, { kind: 'future' }, { kind: 'millis' }, { kind: 'fraction' }, { kind: 'negative' }, { kind: 'padded' }),
        },
        { weight: 1, arbitrary: fc.oneof(hostileString.filter(isHeaderValue), fc.constantFrom('9'.repeat(13), '0', '1e9', '0x6543210')).map((value): SlackTimestamp => ({ kind: 'hostile', value })) },
      ),
      contentType: fc.oneof(
        { weight: 4, arbitrary: fc.constant('application/x-www-form-urlencoded') },
        { weight: 1, arbitrary: fc.option(fc.constantFrom(...SLACK_CONTENT_TYPES), { nil: undefined }) },
      ),
      contentEncoding: fc.option(fc.constantFrom('gzip', 'identity', 'IDENTITY', 'bogus', ''), { nil: undefined, freq: 8 }),
      body: slackBody(deploymentIds),
    })
    .map((request) => printable(stripUndefined(request)));

function timestampHeader(timestamp: SlackTimestamp, nowS: number): string | undefined {
  switch (timestamp.kind) {
    case 'now':
      return String(nowS);
    case 'none':
      return undefined;
    case 'old':
      return String(nowS - 5 * 60 - 5);
    case 'future':
      return String(nowS + 5 * 60 + 5);
    case 'millis':
      return String(nowS * 1000);
    case 'fraction':
      return `${nowS}.5`;
    case 'negative':
      return String(-nowS);
    case 'padded':
      return ` ${nowS}`;
    case 'hostile':
      return timestamp.value;
  }
}

function slackBodyBytes(body: SlackBody): Buffer {
  if ('payload' in body) return Buffer.from(interactionBody(body.payload as Record<string, unknown>), 'utf8');
  if ('payloadText' in body) return Buffer.from(new URLSearchParams({ payload: body.payloadText }).toString(), 'utf8');
  if ('form' in body) return Buffer.from(body.form, 'utf8');
  if ('latin1' in body) return Buffer.from(body.latin1, 'latin1');
  return Buffer.from(`payload=${'x'.repeat(body.huge - 'payload='.length)}`, 'utf8');
}

/** `v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<raw bytes>`: the sandbox's slackSignature, over bytes rather than a string. */
function sign(secret: string, timestamp: string, body: Buffer): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`;
}

function signatureHeader(signing: SlackSigning, secret: string, timestamp: string, body: Buffer): string | undefined {
  const valid = sign(secret, timestamp, body);
  switch (signing) {
    case 'valid':
      return valid;
    case 'none':
      return undefined;
    case 'other-secret':
      return sign(`${secret}-other`, timestamp, body);
    case 'uppercase':
      return `v0=${valid.slice(3).toUpperCase()}`;
    case 'v1':
      return `v1=${valid.slice(3)}`;
    case 'truncated':
      return valid.slice(0, -1);
    case 'over-other-body':
      return sign(secret, timestamp, Buffer.concat([body, Buffer.from('&x=1')]));
    case 'random':
      return `v0=${randomBytes(32).toString('hex')}`;
  }
}

export function interactionWire(request: InteractionRequest, target: AnonymousTarget): WireRequest {
  const body = slackBodyBytes(request.body);
  const timestamp = timestampHeader(request.timestamp, Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.contentEncoding !== undefined) headers['content-encoding'] = request.contentEncoding;
  if (timestamp !== undefined) headers['x-slack-request-timestamp'] = timestamp;
  const signature = signatureHeader(request.signing, target.signingSecret, timestamp ?? '', body);
  if (signature !== undefined) headers['x-slack-signature'] = signature;
  return { url: `${target.url}/slack/interactions`, init: { method: 'POST', headers, body } };
}

/**
 * Whether the gateway's global JSON parser (every route, before any controller) reads the body first: it
 * answers 400/413/415 for a body it cannot parse, and a body it parsed reaches the controller empty, so its
 * signature no longer matches (401).
 */
export function isParsedAsJson(request: { contentType?: string }): boolean {
  return /^application\/json\s*(;|$)/i.test(request.contentType ?? '');
}

/** Signed with the right secret and a current timestamp: only these may ever reach the payload. */
export function isWellSigned(request: InteractionRequest): boolean {
  return request.signing === 'valid' && request.timestamp.kind === 'now';
}

/** What fetch can send as a header value (no NUL, CR, LF, nothing past Latin-1), short of Node's 16 KiB header limit. */
function isHeaderValue(value: string): boolean {
  return value.length < 8000 && /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
