import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { jenkinsNotification } from '@hydrator/testing';
import { Answer, readAnswer } from './edge-invariants';
import { hostileFloat, hostileInt, hostileString, HUGE, nested, wrongType } from './hostile-values';
import { printable } from './printable';

/**
 * Requests to `POST /webhooks/jenkins` as a model (which secret form, which headers, which body) that
 * prints readably in a counterexample; {@link toHttp} turns one into bytes on the wire.
 */
export interface WebhookRequest {
  auth: Auth;
  contentType?: string;
  /** `real-gzip` sends a well-formed gzip body labelled gzip; any other value is only a (lying) header. */
  contentEncoding?: string;
  body: WebhookBody;
}

export type WebhookBody = { json: unknown } | { text: string } | { latin1: string };

/**
 * How the secret is (not) given. `query`, `bearer`, `query+header`: the right secret, once.
 * The ones in {@link UNAUTHORIZED} carry no right secret: they must never be accepted.
 */
export const AUTHORIZED = ['query', 'bearer', 'query+header'] as const;
export const UNAUTHORIZED = ['none', 'wrong-query', 'wrong-bearer', 'empty-query', 'two-wrong-queries', 'bracket-query', 'basic', 'secret-with-nul', 'secret-prefix'] as const;
/** Neither plainly right nor plainly wrong (the secret twice, or one right and one wrong): only "no 5xx" applies. */
export const AMBIGUOUS = ['query-twice', 'right-and-wrong-query', 'right-query-wrong-bearer'] as const;
export type Auth = (typeof AUTHORIZED)[number] | (typeof UNAUTHORIZED)[number] | (typeof AMBIGUOUS)[number];

export function isUnauthorized(auth: Auth): boolean {
  return (UNAUTHORIZED as readonly string[]).includes(auth);
}

export interface HttpRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export function toHttp(request: WebhookRequest, secret: string): HttpRequest {
  const { query, authorization } = credentials(request.auth, secret);
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (authorization !== undefined) headers.authorization = authorization;
  let body = bodyBytes(request.body);
  if (request.contentEncoding === 'real-gzip') {
    headers['content-encoding'] = 'gzip';
    body = gzipSync(body);
  } else if (request.contentEncoding !== undefined) {
    headers['content-encoding'] = request.contentEncoding;
  }
  return { path: `/webhooks/jenkins${query}`, headers, body };
}

function credentials(auth: Auth, secret: string): { query: string; authorization?: string } {
  const q = encodeURIComponent(secret);
  switch (auth) {
    case 'query':
      return { query: `?token=${q}` };
    case 'bearer':
      return { query: '', authorization: `Bearer ${secret}` };
    case 'query+header':
      return { query: `?token=${q}`, authorization: `Bearer ${secret}` };
    case 'none':
      return { query: '' };
    case 'wrong-query':
      return { query: '?token=nope' };
    case 'wrong-bearer':
      return { query: '', authorization: 'Bearer nope' };
    case 'empty-query':
      return { query: '?token=' };
    case 'two-wrong-queries':
      return { query: '?token=a&token=b' };
    case 'bracket-query':
      return { query: `?token[x]=${q}` };
    case 'basic':
      return { query: '', authorization: `Basic ${Buffer.from(`jenkins:${secret}`).toString('base64')}` };
    case 'secret-with-nul':
      return { query: `?token=${q}%00` };
    case 'secret-prefix':
      return { query: `?token=${encodeURIComponent(secret.slice(0, -1))}` };
    case 'query-twice':
      return { query: `?token=${q}&token=${q}` };
    case 'right-and-wrong-query':
      return { query: `?token=${q}&token=nope` };
    case 'right-query-wrong-bearer':
      return { query: `?token=${q}`, authorization: 'Bearer nope' };
  }
}

function bodyBytes(body: WebhookBody): Buffer {
  if ('json' in body) return Buffer.from(JSON.stringify(body.json) ?? 'undefined', 'utf8');
  if ('text' in body) return Buffer.from(body.text, 'utf8');
  return Buffer.from(body.latin1, 'latin1');
}

/** POSTs one request; the status and the parsed answer (the raw text when it is not JSON). */
export async function sendWebhook(baseUrl: string, request: WebhookRequest, secret: string): Promise<Answer> {
  const http = toHttp(request, secret);
  return readAnswer(await fetch(`${baseUrl}${http.path}`, { method: 'POST', headers: http.headers, body: http.body }));
}

// ---------------------------------------------------------------------------------------------
// Bodies

const JOBS = ['deploy/api', 'deploy/web', 'api', 'a/b/c'];

/** A valid Notification Plugin payload, for any job, build and phase. */
export const validPayload = fc
  .record({
    job: fc.constantFrom(...JOBS),
    number: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    phase: fc.constantFrom<Array<'QUEUED' | 'STARTED' | 'COMPLETED' | 'FINALIZED'>>('QUEUED', 'STARTED', 'COMPLETED', 'FINALIZED'),
    status: fc.constantFrom('SUCCESS', 'FAILURE', 'UNSTABLE', 'ABORTED', 'NOT_BUILT'),
    rev: fc.stringMatching(/^[0-9a-f]{7,40}$/),
    timestamp: fc.integer({ min: 0, max: 4_000_000_000_000 }),
  })
  .map((options) => jenkinsNotification(options) as Record<string, unknown>);

const MALFORMED_URLS = [
  'job/%zz/',
  'job/a%/job/b/',
  'job/%E0%A4%A/',
  'job/%00/',
  'job/%C0%80/',
  'job/%ED%A0%80/',
  'job/%2e%2e/job/x/',
  'job/../job/x/',
  'job/./',
  'job//job//',
  'job/a b/',
  'job/a%2Fb/',
  '/',
  'job/',
  'javascript:alert(1)',
  'https://jenkins.example/job/x/?q=%',
  'https://user:pass@jenkins.example:99999/job/x/',
  'http://[::1/job/x/',
  `job/${'a'.repeat(600)}/`,
  'job/a/'.repeat(2000),
  `job/${'%'.repeat(3000)}/`,
];

const NON_HEX_REVS = ['zzzzzzz', 'g123456', 'abc', 'a'.repeat(41), 'ABCDEFG', '../..', 'abcdef0\u0000', '-abcdef0', 'abcdef0 ', ' abcdef0', 'HEAD', 'refs/heads/main', '0x1234567'];

const DEPLOYMENT_IDS = [
  'x:1',
  ':',
  '',
  ':1',
  '00000000-0000-0000-0000-000000000000:1',
  '00000000-0000-0000-0000-000000000000:NaN',
  '00000000-0000-0000-0000-000000000000:-1',
  '00000000-0000-0000-0000-000000000000:99999999999999999999',
  '00000000-0000-0000-0000-000000000000:1:2',
  '../..:1',
  'not-a-uuid:1',
  '00000000-0000-0000-0000-000000000000:1e3',
  '00000000-0000-0000-0000-000000000000: 1',
];

/** Values for any field: wrong types, control characters, huge strings, deep nesting. */
const anyHostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: wrongType },
  { weight: 2, arbitrary: hostileInt },
  { weight: 1, arbitrary: hostileFloat },
  { weight: 1, arbitrary: fc.constantFrom(nested(31), nested(32), nested(33), nested(200), 'z'.repeat(HUGE)) },
);

/** The fields of the payload, each with what is most likely to break its own parsing, then anything. */
const FIELD_MUTATIONS: Array<[path: string, values: fc.Arbitrary<unknown>]> = [
  ['url', fc.oneof(fc.constantFrom(...MALFORMED_URLS), anyHostile)],
  ['name', anyHostile],
  ['build', anyHostile],
  ['build.number', fc.oneof(hostileInt, hostileFloat, fc.constantFrom('1', '12', '0x10', null), anyHostile)],
  ['build.phase', fc.oneof(fc.constantFrom('completed', 'COMPLETED ', 'DONE', 'COMPLETED\u0000'), anyHostile)],
  ['build.status', fc.oneof(fc.constantFrom('success', 'SUCCESS\u0000', 'SUCCESSFUL'), anyHostile)],
  ['build.full_url', anyHostile],
  ['build.url', anyHostile],
  ['build.timestamp', fc.oneof(hostileInt, hostileFloat, fc.constantFrom(8.64e15, 8.64e15 + 1, -8.64e15, '2026-11-20T10:00:00Z'), anyHostile)],
  ['build.duration', fc.oneof(hostileInt, hostileFloat, anyHostile)],
  ['build.scm', anyHostile],
  ['build.scm.commit', fc.oneof(fc.constantFrom(...NON_HEX_REVS), anyHostile)],
  ['build.scm.branch', anyHostile],
  ['build.parameters', fc.oneof(anyHostile, fc.dictionary(hostileString, anyHostile, { maxKeys: 5 }), fc.constant(Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`P${i}`, 'v']))))],
  ['build.parameters.GIT_REV', fc.oneof(fc.constantFrom(...NON_HEX_REVS), anyHostile)],
  ['build.parameters.CLUSTER', anyHostile],
  ['build.parameters.ENVIRONMENT', anyHostile],
  ['build.parameters.NAMESPACE', anyHostile],
  [
    'build.parameters.HYDRATOR_DEPLOYMENT_ID',
    fc.oneof(
      fc.constantFrom(...DEPLOYMENT_IDS),
      fc.uuid().map((id) => `${id}:1`),
      anyHostile,
    ),
  ],
  ['build.parameters.\u0000', anyHostile],
  ['build.parameters.__proto__', anyHostile],
  ['extra', anyHostile],
];

const fieldMutation = fc.oneof(...FIELD_MUTATIONS.map(([path, values]) => values.map((value) => ({ path, value }))));

/** A valid payload with 1 to 3 of its fields set to hostile values (or deleted, for `undefined`). */
export const mutatedPayload: fc.Arbitrary<unknown> = fc
  .tuple(
    validPayload,
    fc.array(fc.oneof({ weight: 5, arbitrary: fieldMutation }, { weight: 1, arbitrary: fc.constantFrom(...FIELD_MUTATIONS.map(([path]) => ({ path, value: undefined }))) }), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([payload, mutations]) => {
    const copy = structuredClone(payload);
    for (const { path, value } of mutations) setPath(copy, path, value);
    return copy;
  });

function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return; // an earlier mutation replaced the parent
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return;
  const last = keys[keys.length - 1];
  if (value === undefined) delete (node as Record<string, unknown>)[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

/** Bodies with no relation to the payload: random JSON, non-JSON text, invalid UTF-8, deep nesting. */
export const randomBody: fc.Arbitrary<WebhookBody> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })),
  fc.json({ maxDepth: 3 }).map((text) => ({ text })),
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ text })),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => ({ latin1: Buffer.from(bytes).toString('latin1') })),
  fc.constantFrom<WebhookBody>(
    { text: '' },
    { text: '{' },
    { text: '{"url": "job/a/", "build": {' },
    { text: 'null' },
    { text: '"job/a/"' },
    { text: '[]' },
    { text: '{"__proto__": {"polluted": true}, "url": "job/a/", "build": {"number": 1, "phase": "STARTED"}}' },
    { text: '{"url": "job/a/", "url": "job/b/", "build": {"number": 1, "number": 2, "phase": "STARTED"}}' },
    { text: `${'['.repeat(5000)}${']'.repeat(5000)}` },
    { text: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` },
    { text: '{"url": "job/\\ud800/", "build": {"number": 1, "phase": "STARTED"}}' },
    { text: '{"url": "job/a/", "build": {"number": 1e400, "phase": "STARTED"}}' },
    { latin1: '{"url": "job/\xc0\x80/", "build": {"number": 1, "phase": "STARTED"}}' },
    { latin1: '{"url": "job/\xff\xfe/", "build": {"number": 1, "phase": "STARTED"}}' },
    { latin1: '\xff\xfe{\x00"\x00' },
    { latin1: '\xef\xbb\xbf{"url": "job/a/", "build": {"number": 1, "phase": "STARTED"}}' },
  ),
);

export const payloadBody: fc.Arbitrary<WebhookBody> = fc.oneof({ weight: 4, arbitrary: mutatedPayload.map((json) => ({ json })) }, { weight: 1, arbitrary: validPayload.map((json) => ({ json })) });

// ---------------------------------------------------------------------------------------------
// Transport

export const anyAuth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...AUTHORIZED) },
  { weight: 2, arbitrary: fc.constantFrom(...UNAUTHORIZED) },
  { weight: 1, arbitrary: fc.constantFrom(...AMBIGUOUS) },
);

const HOSTILE_CONTENT_TYPES = [
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'application/json; charset="utf-8"; charset=koi8-r',
  'APPLICATION/JSON',
  'application/jsonp',
  'application/json-seq',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'text/json',
  'application/vnd.api+json',
  '',
  '*/*',
];

const HOSTILE_ENCODINGS = ['gzip', 'deflate', 'br', 'bogus', 'gzip, gzip', 'x-gzip', 'identity', 'IDENTITY', 'gzip, identity', 'compress', 'zstd', ''];

/** Any request: hostile transport around any body. */
export function webhookRequest(body: fc.Arbitrary<WebhookBody>, transport: 'plain' | 'hostile'): fc.Arbitrary<WebhookRequest> {
  const contentType =
    transport === 'plain'
      ? fc.constant('application/json')
      : fc.oneof({ weight: 2, arbitrary: fc.constant('application/json') }, { weight: 3, arbitrary: fc.option(fc.constantFrom(...HOSTILE_CONTENT_TYPES), { nil: undefined }) });
  const contentEncoding = transport === 'plain' ? fc.constant(undefined) : fc.option(fc.constantFrom('real-gzip', ...HOSTILE_ENCODINGS), { nil: undefined, freq: 3 });
  return fc.record({ auth: anyAuth, contentType, contentEncoding, body }).map((request) => printable(stripUndefined(request)));
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// One report, several ways

/**
 * Ways of sending the same report (same job, build number and phase) that Hydrator must take for one:
 * the documented `url` forms, either form of the secret, a charset, gzip, other JSON spacing.
 */
export const sameReportVariant = fc.record({
  url: fc.constantFrom('plugin', 'full-url', 'leading-slash', 'no-trailing-slash'),
  auth: fc.constantFrom('query', 'bearer'),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON'),
  gzip: fc.boolean(),
  indent: fc.boolean(),
});
export type SameReportVariant = typeof sameReportVariant extends fc.Arbitrary<infer T> ? T : never;

export function variantRequest(payload: Record<string, unknown>, variant: SameReportVariant): WebhookRequest {
  const url = payload.url as string;
  const forms: Record<SameReportVariant['url'], string> = {
    plugin: url,
    'full-url': `https://jenkins.example/${url}`,
    'leading-slash': `/${url}`,
    'no-trailing-slash': url.replace(/\/$/, ''),
  };
  const json = { ...payload, url: forms[variant.url] };
  return printable({
    auth: variant.auth,
    contentType: variant.contentType,
    ...(variant.gzip ? { contentEncoding: 'real-gzip' } : {}),
    body: variant.indent ? { text: JSON.stringify(json, null, 2) } : { json },
  });
}
