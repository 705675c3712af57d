import { Answer, holds, serverFault, shorten } from './edge-invariants';
import { abbreviate } from './printable';
import { isUnauthorized, sendWebhook, WebhookRequest } from './webhook-requests';

/** A running webhook and a way to count what it stored. */
export interface WebhookTarget {
  url: string;
  secret: string;
  /** Rows of jenkins_webhook right now. */
  storedRows(): Promise<number>;
}

interface Accepted {
  accepted: true;
  duplicate: boolean;
  id: string;
}

/**
 * One request, and what must hold of its answer: never a 5xx; a 4xx stores nothing; a request without
 * the secret is never accepted; a 202 stored the report once (a new row, unless it says duplicate),
 * and posting it again is a duplicate of that same row, storing nothing.
 */
export async function checkWebhookRequest(target: WebhookTarget, request: WebhookRequest): Promise<void> {
  const context = abbreviate(request);
  const before = await target.storedRows();
  const answer = await sendWebhook(target.url, request, target.secret);
  holds(serverFault(answer), context);
  const after = await target.storedRows();
  if (answer.status >= 400) holds(after === before ? undefined : `answered ${answer.status} (${shorten(answer.body)}) yet stored ${after - before} jenkins_webhook row(s)`, context);
  if (isUnauthorized(request.auth)) holds(answer.status >= 400 ? undefined : `accepted without the secret (${request.auth}): ${answer.status} ${shorten(answer.body)}`, context);
  if (answer.status !== 202) return;
  const first = acceptedBody(answer, context);
  holds(after - before === (first.duplicate ? 0 : 1) ? undefined : `answered 202 ${shorten(answer.body)} but stored ${after - before} row(s)`, context);
  const again = await sendWebhook(target.url, request, target.secret);
  holds(serverFault(again), `posted again: ${context}`);
  const second = again.status === 202 ? acceptedBody(again, context) : undefined;
  holds(second?.duplicate && second.id === first.id ? undefined : `posted twice, the second answer was ${again.status} ${shorten(again.body)} instead of a duplicate of ${first.id}`, context);
  const final = await target.storedRows();
  holds(final === after ? undefined : `posted twice, stored ${final - after} more row(s)`, context);
}

/**
 * The same report sent several ways (all valid), one after the other or all at once: whichever of
 * them are accepted name one webhook id, and exactly one row is stored for them all.
 */
export async function checkSameReport(target: WebhookTarget, requests: WebhookRequest[], concurrently: boolean): Promise<void> {
  const context = `one report sent ${concurrently ? 'all at once' : 'in turn'} as ${requests.map((r) => abbreviate(r)).join('\n   and ')}`;
  const before = await target.storedRows();
  const send = (request: WebhookRequest) => sendWebhook(target.url, request, target.secret);
  const answers: Answer[] = [];
  if (concurrently) answers.push(...(await Promise.all(requests.map(send))));
  else for (const request of requests) answers.push(await send(request));
  for (const answer of answers) holds(serverFault(answer), context);
  const accepted = answers.filter((a) => a.status === 202).map((a) => acceptedBody(a, context));
  const stored = (await target.storedRows()) - before;
  const statuses = answers.map((a) => `${a.status}${a.status === 202 ? ` ${(a.body as Accepted).duplicate ? 'duplicate' : 'new'} ${(a.body as Accepted).id}` : ` ${shorten(a.body, 160)}`}`).join('; ');
  if (accepted.length === 0) return holds(stored === 0 ? undefined : `refused every time yet stored ${stored} row(s): ${statuses}`, context);
  const ids = new Set(accepted.map((a) => a.id));
  holds(ids.size === 1 && stored === 1 ? undefined : `accepted ${accepted.length} time(s) as ${ids.size} different webhook(s), storing ${stored} row(s): ${statuses}`, context);
}

function acceptedBody(answer: Answer, context: string): Accepted {
  const body = answer.body as Partial<Accepted> | null;
  holds(body?.accepted === true && typeof body.duplicate === 'boolean' && typeof body.id === 'string' ? undefined : `202 without {accepted, duplicate, id}: ${shorten(answer.body)}`, context);
  return body as Accepted;
}
