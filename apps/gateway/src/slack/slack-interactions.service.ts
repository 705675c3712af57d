import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { View, WebClient } from '@slack/web-api';
import { describeError, HydratorError, isUuid, unstorableTextProblem } from '@hydrator/common';
import { HYDRATOR_CONFIG, HydratorConfig } from '@hydrator/config';
import { Deployment, DeploymentStatus, OutboxKind } from '@hydrator/database';
import { escapeMrkdwn, plainText, sectionBlock, SlackResult, slackWebClient } from '@hydrator/notifier';
import { DeploymentChanges, MAX_REASON_LENGTH } from '@hydrator/operations';
import { CANCEL_ACTION_ID, CANCEL_SELECT_ACTION_ID, short } from '@hydrator/scheduling';

/** `callback_id` of the modal that asks for the reason. */
export const CANCEL_REASON_CALLBACK_ID = 'hydrator_cancel_reason';
/** The modal's input: `state.values[REASON_BLOCK][REASON_ACTION].value`. */
const REASON_BLOCK = 'reason';
const REASON_ACTION = 'reason';
/** Slack waits 3 s for the answer, and a trigger id lasts 3 s: views.open must be quicker. */
const SLACK_CALL_TIMEOUT_MS = 2500;

/** The parts of an interaction payload Hydrator reads (api.slack.com/reference/interaction-payloads). */
export interface InteractionPayload {
  type?: string;
  user?: { id?: string };
  trigger_id?: string;
  response_url?: string;
  channel?: { id?: string };
  container?: { channel_id?: string };
  actions?: Array<{ action_id?: string; value?: string; selected_option?: { value?: string } }>;
  view?: { callback_id?: string; private_metadata?: string; state?: { values?: Record<string, Record<string, { value?: string | null }>> } };
}

/** What the modal carries from the click to the submission: Slack gives it back as it was set. */
interface CancelMetadata {
  deploymentId: string;
  channel: string;
}

/** The answer to a view_submission: close the modal, or keep it open with an error under the reason. */
export type ViewSubmissionAnswer = { response_action: 'clear' } | { response_action: 'errors'; errors: Record<string, string> };

/**
 * Slack interactivity for team messages: the Cancel button opens a modal asking why, and its submission
 * cancels that deployment, as `slack:<user id>` in the audit log. Both steps check that the deployment is
 * still SCHEDULED and that the click came from the channel its team message was posted in; a refusal is
 * said to the clicker alone (an ephemeral message) and changes nothing.
 */
@Injectable()
export class SlackInteractions {
  private readonly logger = new Logger(SlackInteractions.name);
  private readonly client?: WebClient;

  constructor(
    @Inject(HYDRATOR_CONFIG) config: HydratorConfig,
    private readonly em: EntityManager,
    private readonly deployments: DeploymentChanges,
  ) {
    if (config.slack) this.client = slackWebClient(config.slack, SLACK_CALL_TIMEOUT_MS);
  }

  /** A button press (or menu choice) in a message. Answers nothing in the HTTP body: Slack ignores it for block_actions. */
  async blockActions(payload: InteractionPayload): Promise<void> {
    const actions = Array.isArray(payload.actions) ? payload.actions : [];
    const action = actions.find((a) => a?.action_id === CANCEL_ACTION_ID || a?.action_id === CANCEL_SELECT_ACTION_ID);
    if (!action) return;
    const deploymentId = stringField(action.action_id === CANCEL_ACTION_ID ? action.value : action.selected_option?.value);
    const channel = stringField(payload.channel?.id) ?? stringField(payload.container?.channel_id);
    const checked = await this.check(deploymentId, channel);
    if ('refusal' in checked) {
      this.tellClicker(stringField(payload.response_url), checked.refusal);
      return;
    }
    try {
      await this.slack().views.open({ trigger_id: stringField(payload.trigger_id) ?? '', view: reasonModal(checked.deployment, { deploymentId: checked.deployment.id, channel: channel! }) });
    } catch (error) {
      this.logger.warn(`views.open failed for deployment ${deploymentId}: ${describeError(error)}`);
      this.tellClicker(stringField(payload.response_url), 'Slack did not open the cancel form in time: press *Cancel…* again. Nothing was changed.');
    }
  }

  /** The modal's submission: cancels, or keeps the modal open saying why it cannot. */
  async viewSubmission(payload: InteractionPayload): Promise<ViewSubmissionAnswer | undefined> {
    if (payload.view?.callback_id !== CANCEL_REASON_CALLBACK_ID) return undefined;
    const metadata = parseMetadata(payload.view.private_metadata);
    const reason = (stringField(payload.view.state?.values?.[REASON_BLOCK]?.[REASON_ACTION]?.value) ?? '').trim();
    if (!reason) return reasonError('Say why: the reason goes to the audit log and to the team.');
    if (reason.length > MAX_REASON_LENGTH) return reasonError(`At most ${MAX_REASON_LENGTH} characters.`);
    const unstorable = unstorableTextProblem(reason);
    if (unstorable) return reasonError(`The reason ${unstorable}. Nothing was changed.`);
    const user = stringField(payload.user?.id);
    if (!metadata || !user) return reasonError('This form did not come from a Hydrator team message. Nothing was changed.');
    const checked = await this.check(metadata.deploymentId, metadata.channel);
    if ('refusal' in checked) return reasonError(checked.refusal);
    try {
      await this.deployments.cancel({ name: `slack:${user}` }, metadata.deploymentId, reason, (d) => {
        if (d.status !== DeploymentStatus.SCHEDULED) throw HydratorError.conflict(tooLate(d));
      });
    } catch (error) {
      if (error instanceof HydratorError) return reasonError(`${error.message}. Nothing was changed.`);
      throw error;
    }
    return { response_action: 'clear' };
  }

  /**
   * Why a click on `deploymentId` from `channel` may not cancel it, as the clicker should read it, or the
   * deployment when it may: it exists, it is SCHEDULED, and its team message was posted in that channel.
   */
  private async check(deploymentId: string | undefined, channel: string | undefined): Promise<{ refusal: string } | { deployment: Deployment }> {
    const em = this.em.fork();
    const deployment = deploymentId && isUuid(deploymentId) ? await em.findOne(Deployment, { id: deploymentId }, { populate: ['application', 'target', 'rollout'] }) : null;
    if (!deployment) return { refusal: 'This deployment no longer exists in Hydrator. Nothing was changed.' };
    const [announced] = await em.execute<Array<{ result: SlackResult | null }>>(`select result from outbox_message where kind = ? and ? = any(deployment_ids) order by created_at, id limit 1`, [
      OutboxKind.SLACK_MESSAGE,
      deployment.id,
    ]);
    if (!channel || !announced?.result || announced.result.channel !== channel) {
      return { refusal: `Only the team message in ${escapeMrkdwn(deployment.application.slackChannel)} can cancel this deployment. Nothing was changed.` };
    }
    if (deployment.status !== DeploymentStatus.SCHEDULED) return { refusal: `${escapeMrkdwn(tooLate(deployment))}. Nothing was changed.` };
    return { deployment };
  }

  /** An answer only the clicker sees, through the interaction's response_url (no scope or channel membership needed). */
  private tellClicker(responseUrl: string | undefined, text: string): void {
    if (!responseUrl || !/^https?:\/\//.test(responseUrl)) return;
    void fetch(responseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
      signal: AbortSignal.timeout(10_000),
    })
      .then((response) => {
        if (!response.ok) this.logger.warn(`Slack refused an ephemeral answer: HTTP ${response.status}`);
      })
      .catch((error: unknown) => this.logger.warn(`ephemeral answer not delivered: ${describeError(error)}`));
  }

  private slack(): WebClient {
    if (!this.client) throw new Error('Slack is not configured (SLACK_TOKEN)');
    return this.client;
  }
}

/** "Too late: web to prod-us is RUNNING: only a SCHEDULED deployment can be canceled from Slack". */
function tooLate(d: Deployment): string {
  const where = `${d.application.name} to ${d.target.cluster}`;
  if (d.status === DeploymentStatus.CANCELED) return `${where} is already canceled, by ${d.changedBy ?? 'someone'}: ${d.changeReason ?? 'no reason recorded'}`;
  return `Too late: ${where} is ${d.status}; only a SCHEDULED deployment can be canceled from Slack`;
}

/** A payload field that should be a string; anything else counts as absent (the payload is Slack's, but not trusted to be well-formed). */
function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function reasonError(text: string): ViewSubmissionAnswer {
  return { response_action: 'errors', errors: { [REASON_BLOCK]: text.slice(0, 2000) } };
}

function parseMetadata(raw: string | undefined): CancelMetadata | undefined {
  try {
    const parsed = JSON.parse(raw ?? '') as Partial<CancelMetadata>;
    return typeof parsed.deploymentId === 'string' && typeof parsed.channel === 'string' ? { deploymentId: parsed.deploymentId, channel: parsed.channel } : undefined;
  } catch {
    return undefined;
  }
}

/** The modal: what would not be deployed, and the reason (required, as for every cancel). */
function reasonModal(d: Deployment, metadata: CancelMetadata): View {
  const rev = (value: string | null | undefined) => (value ? `\`${escapeMrkdwn(short(value))}\`` : '`nothing`');
  const what = `*${escapeMrkdwn(d.application.name)}* will not be deployed to *${escapeMrkdwn(`${d.target.cluster}/${d.target.environment}`)}* (namespace \`${escapeMrkdwn(d.target.namespace)}\`): it stays on ${rev(d.previousRev)} instead of ${rev(d.gitRev)}. The rest of the rollout goes on without it.`;
  return {
    type: 'modal',
    callback_id: CANCEL_REASON_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: plainText('Cancel deployment', 24),
    submit: plainText('Cancel deployment', 24),
    close: plainText('Keep it', 24),
    blocks: [
      sectionBlock(what),
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: plainText('Why?'),
        hint: plainText('Goes to the audit log and to the team channel.'),
        element: { type: 'plain_text_input', action_id: REASON_ACTION, multiline: true, min_length: 1, max_length: MAX_REASON_LENGTH },
      },
    ],
  } as unknown as View;
}
