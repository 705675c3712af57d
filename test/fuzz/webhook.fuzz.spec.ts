import fc from 'fast-check';
import { TestHydrator, WEBHOOK_SECRET } from '@hydrator/testing';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { holds, liveness } from './edge-invariants';
import { fuzzRuns, FUZZ_SEED, FUZZ_TIMEOUT_MS, replayHint } from './fuzz-config';
import { checkSameReport, checkWebhookRequest, WebhookTarget } from './webhook-properties';
import { payloadBody, randomBody, sameReportVariant, validPayload, variantRequest, WebhookRequest, webhookRequest } from './webhook-requests';

/**
 * `POST /webhooks/jenkins` under random and hostile requests (see webhook-properties.ts for what must
 * hold). One Hydrator (the gateway alone: reports are stored, not recorded) for the whole file.
 */
describe('fuzz: Jenkins webhook', () => {
  jest.setTimeout(FUZZ_TIMEOUT_MS);
  let hydrator: TestHydrator;
  let target: WebhookTarget;
  /** Above anything validPayload draws often, and new on every case (shrinking included). */
  let buildNumber = 2_000_000_000;

  beforeAll(async () => {
    console.log(replayHint('webhook.fuzz'));
    hydrator = await TestHydrator.start({ modules: [GatewayModule] });
    await hydrator.resetDatabase();
    const connection = hydrator.orm.em.fork().getConnection();
    target = {
      url: hydrator.url,
      secret: WEBHOOK_SECRET,
      storedRows: async () => Number((await connection.execute(`select count(*)::int as n from jenkins_webhook`))[0].n),
    };
  });
  afterAll(() => hydrator?.close());
  // After each batch: whatever was sent, the process still answers.
  afterEach(async () => holds(await liveness(hydrator.url), 'after the batch'));

  const run = (requests: fc.Arbitrary<WebhookRequest>, runs: number) =>
    fc.assert(
      fc.asyncProperty(requests, (request) => checkWebhookRequest(target, request)),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(runs) },
    );

  it('random JSON, non-JSON and invalid UTF-8 bodies: no 5xx, nothing stored when refused', () => run(webhookRequest(randomBody, 'plain'), 300));

  it('Notification Plugin payloads with hostile fields: no 5xx, nothing stored when refused, stored once when accepted', () => run(webhookRequest(payloadBody, 'plain'), 500));

  it('hostile secrets, content types and content encodings: no 5xx, never accepted without the secret', () => run(webhookRequest(fc.oneof(payloadBody, randomBody), 'hostile'), 400));

  it('one report posted several ways, in turn or at once, is stored exactly once', () =>
    fc.assert(
      fc.asyncProperty(validPayload, fc.array(sameReportVariant, { minLength: 2, maxLength: 4 }), fc.boolean(), (payload, variants, concurrently) => {
        // A build number no earlier case used: the first post must be new, or "once" proves nothing.
        (payload.build as { number: number }).number = ++buildNumber;
        return checkSameReport(
          target,
          variants.map((variant) => variantRequest(payload, variant)),
          concurrently,
        );
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(150) },
    ));
});
