import { parseExpression } from 'cron-parser';
import { parseTokenEntry, weakSecretReason } from './credentials';
import { CutoffRule, parseCutoffRule } from './cutoff-rule';
import { parseDuration } from './durations';

/** Jenkins as Hydrator reaches it; absent when `JENKINS_URL` is not set (sandbox or outbox only). */
export interface JenkinsConfig {
  url: string;
  user?: string;
  token?: string;
}

export interface SlackConfig {
  token: string;
  /** Base URL of the Web API, ending with `/` as @slack/web-api expects. */
  apiUrl: string;
  /**
   * The Slack app's signing secret (`SLACK_SIGNING_SECRET`): `POST /slack/interactions` accepts only requests
   * signed with it. Unset, interactivity is off and team messages carry no Cancel button.
   */
  signingSecret?: string;
}

export interface JiraConfig {
  host: string;
  email: string;
  apiToken: string;
}

export interface GitHubConfig {
  apiUrl: string;
  token?: string;
}

/** A Redis Cluster as `REDIS_CLUSTER_NODES` gives it: the nodes to start from, and what every node shares. */
export interface RedisClusterConfig {
  /** Seed nodes: the client learns the rest of the cluster (and every failover) from them. */
  nodes: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
  tls: boolean;
}

/** Everything a Hydrator process is configured with, parsed and validated once at startup. */
export interface HydratorConfig {
  databaseUrl: string;
  /** The one Redis (`REDIS_URL`); unused when {@link redisCluster} is set. */
  redisUrl: string;
  /** `REDIS_CLUSTER_NODES`: set, every Redis connection (queues, live changes, health) is a Redis Cluster client. */
  redisCluster?: RedisClusterConfig;
  /**
   * Prefix of every Redis key Hydrator writes (BullMQ queues, pub/sub channels); lets several installations
   * or test runs share one Redis. Always holds a Redis Cluster hash tag (`{hydrator}` by default; a value
   * without one is wrapped in braces), so that every key of a queue hashes to one slot.
   */
  redisPrefix: string;
  port: number;
  publicUrl: string;
  timezone: string;
  scheduleCron: string;
  runCron: string;
  cutoff: CutoffRule;
  maxParallelApps: number;
  silenceDurationMs: number;
  deployTimeoutMs: number;
  /** How often a running deployment is checked in Jenkins when its webhook has not arrived. */
  jenkinsPollIntervalMs: number;
  jenkins?: JenkinsConfig;
  /** Shared secret of `POST /webhooks/jenkins` (the first listed); undefined means the webhook refuses everything. */
  jenkinsWebhookSecret?: string;
  /**
   * Every secret the webhook accepts: JENKINS_WEBHOOK_SECRET may list several, comma-separated, so a
   * new secret can be added, handed to Jenkins, and the old one removed without a refused report.
   */
  jenkinsWebhookSecrets: string[];
  slack?: SlackConfig;
  /**
   * Secrets of the signed cancel links (`CANCEL_LINK_SECRET`, comma-separated): the first signs the links
   * Hydrator sends, every one is accepted, so a secret can be rotated without breaking the links out there.
   * Empty: team messages link to the operator's cancel page instead and the gateway refuses every link.
   */
  cancelLinkSecrets: string[];
  slackSreChannel: string;
  slackSupportChannel: string;
  jira?: JiraConfig;
  jiraProject: string;
  /** The transition that closes the week's Jira issue when its rollout completes, looked up by name (`JIRA_DONE_TRANSITION`). */
  jiraDoneTransition: string;
  alertmanagerUrl?: string;
  github?: GitHubConfig;
  /** A folder of bare git mirrors (`<owner>/<name>.git`); when set, shortlogs come from it instead of GitHub. */
  gitMirrorDir?: string;
  operatorTokens: string[];
  viewerTokens: string[];
  /** Turn off for production exposure: GraphQL introspection and the playground. */
  graphqlIntrospection: boolean;
  /** Deepest field nesting and largest estimated object count a GraphQL query may ask for. */
  graphqlMaxDepth: number;
  graphqlMaxCost: number;
  /** `HYDRATOR_DEMO_FLEET`: whether `npm start` registers its demo fleet; unset lets it decide (only with the Jenkins sandbox). */
  demoFleet?: boolean;
  /** `LOG_LEVEL`: the lowest pino level written (trace, debug, info, warn, error, fatal, silent). */
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** `LOG_FORMAT`: `json` or `pretty`; unset means pretty in a terminal, JSON anywhere else. */
  logFormat?: 'json' | 'pretty';
  /** `SHUTDOWN_TIMEOUT`: after SIGTERM the process exits within this, whatever is still running (keep it below Kubernetes' terminationGracePeriodSeconds). */
  shutdownTimeoutMs: number;
  /** `SHUTDOWN_DRAIN`: how long a terminating process keeps serving HTTP after readiness turned false, while load balancers stop sending it traffic. */
  shutdownDrainMs: number;
}

/** Thrown at startup with every invalid variable listed, so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the environment. Nothing else in Hydrator reads `process.env`.
 * Secrets are never echoed back in error messages.
 */
export function loadConfig(env: Env = process.env): HydratorConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const slackToken = read.optional('SLACK_TOKEN');
  const jiraHost = read.optionalUrl('JIRA_HOST');
  const jenkinsUrl = read.optionalUrl('JENKINS_URL');
  const githubApiUrl = read.optionalUrl('GITHUB_API_URL');
  const githubToken = read.optional('GITHUB_TOKEN');
  const port = read.integer('PORT', 3000, 0, 65535);
  const webhookSecrets = read.secrets('JENKINS_WEBHOOK_SECRET', false);
  const [signingSecret, ...otherSigningSecrets] = read.secrets('SLACK_SIGNING_SECRET', false);
  if (otherSigningSecrets.length) problems.push('SLACK_SIGNING_SECRET is invalid: expected the one signing secret of the Slack app (Basic Information → App Credentials), not a list');
  if (signingSecret && !slackToken) problems.push('SLACK_SIGNING_SECRET needs SLACK_TOKEN: the Cancel button opens its form and answers through the bot');

  const redisCluster = read.redisCluster('REDIS_CLUSTER_NODES');
  if (redisCluster && read.optional('REDIS_URL')) problems.push('REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for one Redis or REDIS_CLUSTER_NODES for a Redis Cluster, not both');

  const config: HydratorConfig = {
    databaseUrl: read.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/hydrator', ['postgres:', 'postgresql:']),
    redisUrl: read.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisCluster,
    redisPrefix: withHashTag(read.matching('HYDRATOR_REDIS_PREFIX', 'hydrator', REDIS_PREFIX, 'letters, digits, _ . : - with at most one {hash tag} of those, such as hydrator or {hydrator}')),
    port,
    publicUrl: stripSlash(read.url('PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'])),
    timezone: read.timezone('HYDRATOR_TIMEZONE', 'UTC'),
    scheduleCron: read.cron('SCHEDULE_CRON', '0 9 * * 1'),
    runCron: read.cron('RUN_CRON', '0 9 * * 3'),
    cutoff: read.cutoff('CUTOFF', 'FRI 00:00'),
    maxParallelApps: read.integer('MAX_PARALLEL_APPS', 4, 1, 1000),
    silenceDurationMs: read.duration('SILENCE_DURATION', '2h'),
    deployTimeoutMs: read.duration('DEPLOY_TIMEOUT', '1h'),
    jenkinsPollIntervalMs: read.duration('JENKINS_POLL_INTERVAL', '10s'),
    jenkins: jenkinsUrl ? { url: stripSlash(jenkinsUrl), user: read.optional('JENKINS_USER'), token: read.optional('JENKINS_TOKEN') } : undefined,
    jenkinsWebhookSecret: webhookSecrets[0],
    jenkinsWebhookSecrets: webhookSecrets,
    slack: slackToken ? { token: slackToken, apiUrl: withSlash(read.url('SLACK_API_URL', 'https://slack.com/api/', ['http:', 'https:'])), signingSecret } : undefined,
    cancelLinkSecrets: read.secrets('CANCEL_LINK_SECRET', false),
    slackSreChannel: read.string('SLACK_SRE_CHANNEL', '#sre'),
    slackSupportChannel: read.string('SLACK_SUPPORT_CHANNEL', '#sre-support'),
    jira: jiraHost ? { host: stripSlash(jiraHost), email: read.required('JIRA_EMAIL', 'the Jira user e-mail'), apiToken: read.required('JIRA_API_TOKEN', 'a Jira API token') } : undefined,
    jiraProject: read.matching('JIRA_PROJECT', 'SRE', /^[A-Z][A-Z0-9_]+$/, 'a Jira project key such as SRE'),
    jiraDoneTransition: read.matching('JIRA_DONE_TRANSITION', 'Done', /^[^\p{Cc}]{1,255}$/u, 'the name of a Jira workflow transition such as Done, at most 255 characters'),
    alertmanagerUrl: read.optionalUrl('ALERTMANAGER_URL'),
    github: githubApiUrl || githubToken ? { apiUrl: stripSlash(githubApiUrl ?? 'https://api.github.com'), token: githubToken } : undefined,
    gitMirrorDir: read.optional('GIT_MIRROR_DIR'),
    operatorTokens: read.secrets('HYDRATOR_OPERATOR_TOKENS', true),
    viewerTokens: read.secrets('HYDRATOR_VIEWER_TOKENS', true),
    graphqlIntrospection: read.boolean('GRAPHQL_INTROSPECTION', true),
    graphqlMaxDepth: read.integer('GRAPHQL_MAX_DEPTH', 10, 2, 100),
    graphqlMaxCost: read.integer('GRAPHQL_MAX_COST', 20_000, 10, 10_000_000),
    demoFleet: read.optional('HYDRATOR_DEMO_FLEET') === undefined ? undefined : read.boolean('HYDRATOR_DEMO_FLEET', false),
    logLevel: read.matching('LOG_LEVEL', 'info', /^(trace|debug|info|warn|error|fatal|silent)$/, 'trace, debug, info, warn, error, fatal or silent') as HydratorConfig['logLevel'],
    logFormat: read.optional('LOG_FORMAT') === undefined ? undefined : (read.matching('LOG_FORMAT', 'json', /^(json|pretty)$/, 'json or pretty') as 'json' | 'pretty'),
    shutdownTimeoutMs: read.duration('SHUTDOWN_TIMEOUT', '25s'),
    shutdownDrainMs: read.duration('SHUTDOWN_DRAIN', '5s'),
  };
  if (config.shutdownDrainMs >= config.shutdownTimeoutMs) problems.push('SHUTDOWN_DRAIN must be shorter than SHUTDOWN_TIMEOUT: the drain is part of the shutdown deadline');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A prefix as `HYDRATOR_REDIS_PREFIX` may give it: plain, or holding one non-empty `{hash tag}`. */
const REDIS_PREFIX = /^(?:[A-Za-z0-9_.:-]+|[A-Za-z0-9_.:-]*\{[A-Za-z0-9_.:-]+\}[A-Za-z0-9_.:-]*)$/;

/**
 * The key prefix with a Redis Cluster hash tag: BullMQ's scripts touch several keys of a queue at once,
 * which a cluster allows only when they hash to one slot, and only the `{tag}` is hashed. A prefix that
 * has no tag becomes one (`hydrator` → `{hydrator}`).
 */
export function withHashTag(prefix: string): string {
  return prefix.includes('{') ? prefix : `{${prefix}}`;
}

/** Collects problems instead of throwing at the first, each naming the variable and the expected form. */
class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  required(name: string, expected: string): string {
    const value = this.optional(name);
    if (value === undefined) this.problems.push(`${name} is required here: expected ${expected}`);
    return value ?? '';
  }

  matching(name: string, fallback: string, pattern: RegExp, expected: string): string {
    const value = this.string(name, fallback);
    if (!pattern.test(value)) this.problems.push(`${name}="${value}" is invalid: expected ${expected}`);
    return value;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const value = this.string(name, fallback);
    this.checkUrl(name, value, protocols);
    return value;
  }

  optionalUrl(name: string): string | undefined {
    const value = this.optional(name);
    if (value !== undefined) this.checkUrl(name, value, ['http:', 'https:']);
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name}="${raw}" is invalid: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name}="${raw}" is invalid: expected true or false`);
    return fallback;
  }

  duration(name: string, fallback: string): number {
    const raw = this.string(name, fallback);
    const value = parseDuration(raw);
    if (value === undefined || value <= 0) {
      this.problems.push(`${name}="${raw}" is invalid: expected a duration such as 2h, 90m, 1h30m or 45s`);
      return parseDuration(fallback)!;
    }
    return value;
  }

  timezone(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
    } catch {
      this.problems.push(`${name}="${value}" is invalid: expected an IANA time zone such as Europe/Paris or America/New_York`);
      return fallback;
    }
    return value;
  }

  cron(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    try {
      parseExpression(value);
    } catch {
      this.problems.push(`${name}="${value}" is invalid: expected a cron expression such as "0 9 * * 1" (minute hour day month weekday)`);
      return fallback;
    }
    return value;
  }

  cutoff(name: string, fallback: string): CutoffRule {
    const value = this.string(name, fallback);
    const rule = parseCutoffRule(value);
    if (!rule) {
      this.problems.push(`${name}="${value}" is invalid: expected a weekday and a 24-hour time such as "FRI 00:00"`);
      return parseCutoffRule(fallback)!;
    }
    return rule;
  }

  /**
   * A comma-separated list of secrets (`name:token` entries when `named`). An unset or empty variable
   * is an empty list; an entry that is empty, short or a placeholder stops startup. The message says
   * which entry (by position and name), never its value.
   */
  secrets(name: string, named: boolean): string[] {
    const raw = this.env[name];
    if (raw === undefined || raw.trim() === '') return [];
    const entries = raw.split(',').map((item) => item.trim());
    entries.forEach((entry, i) => {
      const { name: actor, token } = named ? parseTokenEntry(entry) : { name: undefined, token: entry };
      const reason = weakSecretReason(token);
      if (reason) {
        const which = entries.length > 1 || actor ? ` entry ${i + 1}${actor ? ` ("${actor}")` : ''}` : '';
        this.problems.push(`${name}${which} ${reason}: use a random string of at least 16 characters, e.g. \`openssl rand -hex 24\``);
      }
    });
    return entries.filter(Boolean);
  }

  /**
   * `REDIS_CLUSTER_NODES`: comma-separated seed nodes, each `host:port` or a `redis://` / `rediss://` URL
   * (user, password, TLS). A cluster's nodes share their credentials and TLS, so the entries must agree on them.
   */
  redisCluster(name: string): RedisClusterConfig | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    const expected = 'comma-separated host:port seed nodes of a Redis Cluster (or redis:// / rediss:// URLs without a database), such as 10.0.0.1:6379,10.0.0.2:6379';
    const urls = raw.split(',').map((entry) => parseNode(entry.trim()));
    if (urls.some((url) => url === undefined)) {
      // Never echo the value: URLs may carry passwords.
      this.problems.push(`${name} is invalid: expected ${expected}`);
      return undefined;
    }
    const nodes = urls as URL[];
    const [first] = nodes;
    if (nodes.some((url) => url.protocol !== first.protocol || url.username !== first.username || url.password !== first.password)) {
      this.problems.push(`${name} is invalid: every entry must use the same scheme, user and password (a cluster's nodes share them)`);
      return undefined;
    }
    return {
      nodes: nodes.map((url) => ({ host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : 6379 })),
      username: first.username ? decodeURIComponent(first.username) : undefined,
      password: first.password ? decodeURIComponent(first.password) : undefined,
      tls: first.protocol === 'rediss:',
    };
  }

  private checkUrl(name: string, value: string, protocols: string[]): void {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !protocols.includes(url.protocol)) {
      // Never echo the value: URLs may carry passwords.
      this.problems.push(`${name} is invalid: expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
  }
}

/** One entry of `REDIS_CLUSTER_NODES` as a URL, or undefined when it is not a node's address. */
function parseNode(entry: string): URL | undefined {
  try {
    const url = new URL(entry.includes('://') ? entry : `redis://${entry}`);
    const valid = ['redis:', 'rediss:'].includes(url.protocol) && url.hostname !== '' && ['', '/', '/0'].includes(url.pathname) && !url.search && !url.hash;
    return valid ? url : undefined;
  } catch {
    return undefined;
  }
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
