import fc from 'fast-check';
import { CANCEL_LINK_SECRET, TestHydrator } from '@hydrator/testing';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { RegistryServiceModule } from '../../apps/registry/src/registry-service.module';
import { SchedulerModule } from '../../apps/scheduler/src/scheduler.module';
import {
  AnonymousTarget,
  cancelLinkRequest,
  CancelLinkRequest,
  cancelLinkWire,
  interactionRequest,
  InteractionRequest,
  interactionWire,
  refusedReason,
  unstorableReason,
  isParsedAsJson,
  isWellSigned,
  send,
  SlackSigning,
  WireRequest,
} from './anonymous-requests';
import { Answer, changedCounts, Counts, holds, liveness, serverFault, shorten } from './edge-invariants';
import { fuzzRuns, FUZZ_SEED, FUZZ_TIMEOUT_MS, replayHint } from './fuzz-config';
import { plannedFleet } from './planned-fleet';
import { abbreviate, printable } from './printable';

const SIGNING_SECRET = 'fuzz-signing-secret-0123456789abcdef';

/** The statuses the two endpoints document for a refusal; 200 only where said below. */
const REFUSALS = [400, 401, 404, 409, 413, 415];
/** Node's HTTP parser answers 431 when the request line and headers pass 16 KiB, before any route sees them: a URL this long may get it. */
const HEADER_LIMIT = 15 * 1024;

/**
 * The anonymous endpoints of the gateway under random and hostile requests: `GET/POST /api/cancel-links/:id`
 * (ids of nothing, hostile ids, forged tokens, hostile bodies) and `POST /slack/interactions` (hostile
 * signatures and timestamps, and well-signed payloads of random shapes). Whatever is sent: never a 5xx,
 * only the documented statuses, and no deployment canceled, no audit event, no message queued.
 * One Hydrator with a planned week (all SCHEDULED, nothing announced yet) for the whole file.
 */
describe('fuzz: anonymous endpoints', () => {
  jest.setTimeout(FUZZ_TIMEOUT_MS);
  let hydrator: TestHydrator;
  let target: AnonymousTarget;
  let counts: () => Promise<Counts>;
  let sql: (query: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

  beforeAll(async () => {
    console.log(replayHint('anonymous-endpoints.fuzz'));
    hydrator = await TestHydrator.start({
      modules: [GatewayModule, RegistryServiceModule, SchedulerModule],
      // A Slack API nothing listens on: no payload may get as far as calling it.
      env: { SLACK_TOKEN: 'xoxb-fuzz', SLACK_API_URL: 'http://127.0.0.1:9/', SLACK_SIGNING_SECRET: SIGNING_SECRET },
    });
    const known = await plannedFleet(hydrator);
    target = { url: hydrator.url, deploymentIds: known.deploymentIds, cancelLinkSecret: CANCEL_LINK_SECRET, signingSecret: SIGNING_SECRET };
    const connection = hydrator.orm.em.fork().getConnection();
    sql = (query, params = []) => connection.execute(query, params);
    counts = async () => {
      const [row] = await connection.execute(
        `select (select count(*) from audit_event)::int as audit_event, (select count(*) from outbox_message)::int as outbox_message,
                (select count(*) from deployment where status = 'CANCELED')::int as canceled_deployments`,
      );
      return { audit_event: Number(row.audit_event), outbox_message: Number(row.outbox_message), canceled_deployments: Number(row.canceled_deployments) };
    };
    if ((await counts()).canceled_deployments !== 0) throw new Error('the planned week should start with nothing canceled');
  });
  afterAll(() => hydrator?.close());
  // After each batch: whatever was sent, the process still answers.
  afterEach(async () => holds(await liveness(hydrator.url), 'after the batch'));

  /** Sends one request and checks what must hold for any answer; `allowed` says which statuses this request may get. */
  async function check(wire: WireRequest, request: object, allowed: (answer: Answer) => string | undefined): Promise<void> {
    const before = await counts();
    const answer = await send(wire);
    const context = `sent ${abbreviate(request)}, answered ${answer.status} ${shorten(answer.body, 200)}`;
    holds(serverFault(answer), context);
    holds(allowed(answer), context);
    holds(changedCounts(before, await counts()), context);
  }

  function cancelLinkStatus(request: CancelLinkRequest, wire: WireRequest) {
    return (answer: Answer): string | undefined => {
      if (answer.status === 431 && wire.url.length > HEADER_LIMIT) return undefined;
      if (REFUSALS.includes(answer.status)) return undefined;
      // Only the right token shows its own, existing deployment; nothing here may cancel one.
      if (answer.status === 200 && request.method === 'GET' && 'known' in request.id && request.token.kind === 'own') return undefined;
      return `status ${answer.status} is not one the cancel link endpoint documents for this request`;
    };
  }

  function interactionStatus(request: InteractionRequest) {
    return (answer: Answer): string | undefined => {
      // The encoding and the size are checked before the signature; nothing unsigned is parsed.
      if (isParsedAsJson(request)) {
        // The global JSON parser reads such a body before the controller: its refusal, or 401 as the signed bytes are gone.
        return [400, 401, 413, 415].includes(answer.status) ? undefined : `status ${answer.status} for a JSON body: expected the JSON parser's 400/413/415 or 401`;
      }
      if (!isWellSigned(request)) return [401, 413, 415].includes(answer.status) ? undefined : `status ${answer.status} for a request not signed right: expected 401 (or 413/415)`;
      if ([400, 413, 415].includes(answer.status)) return undefined;
      if (answer.status !== 200) return `status ${answer.status} is not one Slack interactivity documents`;
      return isSlackAnswer(answer.body) ? undefined : `200 with a body Slack does not take: ${shorten(answer.body)}`;
    };
  }

  const runLinks = (runs: number) =>
    fc.assert(
      fc.asyncProperty(cancelLinkRequest(target.deploymentIds.length), async (request) => {
        const wire = cancelLinkWire(request, target);
        await check(wire, request, cancelLinkStatus(request, wire));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(runs) },
    );

  const runInteractions = (signing: fc.Arbitrary<SlackSigning>, runs: number) =>
    fc.assert(
      fc.asyncProperty(interactionRequest(fc.constantFrom(...target.deploymentIds), signing), async (request) => {
        await check(interactionWire(request, target), request, interactionStatus(request));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(runs) },
    );

  it('cancel links: hostile ids, forged tokens and bodies: no 5xx, only 400/401/404/409/413/415, nothing canceled', () => runLinks(400));

  it('cancel links: the right token with a reason that must be refused (not a string, blank, too long, unstorable): 400, nothing canceled', () =>
    fc.assert(
      fc.asyncProperty(fc.nat({ max: target.deploymentIds.length - 1 }), refusedReason, async (index, reason) => {
        const request = printable<CancelLinkRequest>({ method: 'POST', id: { known: index }, token: { kind: 'own' }, reason, contentType: 'application/json' });
        await check(cancelLinkWire(request, target), request, (answer) => (answer.status === 400 ? undefined : 'expected 400 naming the reason'));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(60) },
    ));

  it('Slack interactions: hostile signatures, timestamps, content types and bodies: no 5xx, 401 unless well signed, nothing changed', () =>
    runInteractions(fc.constantFrom<SlackSigning>('valid', 'none', 'other-secret', 'uppercase', 'v1', 'truncated', 'over-other-body', 'random'), 250));

  it("Slack interactions: well-signed payloads of random shapes: no 5xx, 200 with Slack's answer shapes or 400/413/415, nothing canceled", () =>
    runInteractions(fc.constant<SlackSigning>('valid'), 350));

  it('Slack interactions: a well-signed submission for an announced deployment with a reason PostgreSQL cannot store: refused in the modal, nothing canceled', async () => {
    // The team message of one deployment as if delivered, so a submission gets past the channel check to the reason.
    const id = target.deploymentIds[0];
    const [announced] = await sql(
      `update outbox_message set result = jsonb_build_object('channel', destination, 'ts', '1.0') where kind = 'SLACK_MESSAGE' and ? = any(deployment_ids) returning destination`,
      [id],
    );
    try {
      await fc.assert(
        fc.asyncProperty(unstorableReason, async (reason) => {
          const payload = {
            type: 'view_submission',
            user: { id: 'U0ALICE' },
            view: {
              callback_id: 'hydrator_cancel_reason',
              private_metadata: JSON.stringify({ deploymentId: id, channel: announced.destination }),
              state: { values: { reason: { reason: { type: 'plain_text_input', value: reason } } } },
            },
          };
          const request = printable<InteractionRequest>({ signing: 'valid', timestamp: { kind: 'now' }, contentType: 'application/x-www-form-urlencoded', body: { payload } });
          await check(interactionWire(request, target), request, (answer) =>
            answer.status === 200 && (answer.body as { response_action?: unknown }).response_action === 'errors' ? undefined : 'expected 200 with the error shown in the modal',
          );
        }),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(12) },
      );
    } finally {
      await sql(`update outbox_message set result = null where kind = 'SLACK_MESSAGE' and ? = any(deployment_ids)`, [id]);
    }
  });
});

/** What Slack takes from a 200: nothing, or a view_submission's `clear` or errors by block. */
function isSlackAnswer(body: unknown): boolean {
  if (body === '') return true;
  if (typeof body !== 'object' || body === null) return false;
  const answer = body as { response_action?: unknown; errors?: unknown };
  if (answer.response_action === 'clear') return Object.keys(answer).length === 1;
  return (
    answer.response_action === 'errors' &&
    typeof answer.errors === 'object' &&
    answer.errors !== null &&
    Object.values(answer.errors).every((text) => typeof text === 'string' && text.length > 0 && text.length <= 3000)
  );
}
