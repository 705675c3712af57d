import { JenkinsError, JenkinsErrorCode } from './jenkins-error';

/**
 * The parts of Jenkins' `/api/json` answers Hydrator reads, checked as they are read: a proxy's HTML
 * page or a field of the wrong type becomes a JenkinsError naming the field instead of `undefined`
 * travelling on into the runner.
 */

/** Results a finished build can have, as Jenkins' `hudson.model.Result` prints them. */
export const BUILD_RESULTS = ['SUCCESS', 'FAILURE', 'UNSTABLE', 'ABORTED', 'NOT_BUILT'] as const;
export type JenkinsBuildResult = (typeof BUILD_RESULTS)[number];

/** `tree` queries: Jenkins sends only these fields, which keeps a job listing 100 builds small. */
export const TREE = {
  queueItem: 'id,cancelled,why,executable[number,url]',
  build: 'number,url,building,result,timestamp,duration',
  jobBuilds: 'builds[number,url,building,result,actions[parameters[name,value]]]',
  queue: 'items[id,task[url],actions[parameters[name,value]]]',
  crumb: 'crumb,crumbRequestField',
} as const;

/** Actions are a mixed list (causes, parameters, empty objects from plugins); parameters are found by class. */
const PARAMETERS_ACTION = 'hudson.model.ParametersAction';

export type Json = Record<string, unknown>;

/** Reads fields of one answer; every failure names the answer (`source`) and the field. */
export class JsonReader {
  constructor(private readonly source: string) {}

  /** Parses the body of an answer that should be JSON. */
  parse(text: string): Json {
    try {
      return this.object(JSON.parse(text), 'the answer');
    } catch (error) {
      if (error instanceof JenkinsError) throw error;
      throw new JenkinsError(
        JenkinsErrorCode.UNEXPECTED_ANSWER,
        `${this.source} answered with something other than JSON ("${gist(text)}"): check that JENKINS_URL points at Jenkins itself, not a login page or proxy`,
      );
    }
  }

  object(value: unknown, field: string): Json {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
    throw this.wrong(field, 'an object');
  }

  array(value: unknown, field: string): Json[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw this.wrong(field, 'a list');
    return value.map((item, i) => this.object(item, `${field}[${i}]`));
  }

  string(json: Json, field: string): string {
    const value = json[field];
    if (typeof value === 'string' && value) return value;
    throw this.wrong(field, 'a string');
  }

  number(json: Json, field: string): number {
    const value = json[field];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    throw this.wrong(field, 'a number');
  }

  boolean(json: Json, field: string): boolean {
    const value = json[field];
    if (typeof value === 'boolean') return value;
    throw this.wrong(field, 'true or false');
  }

  /** `result`: null while a build runs, else one of Jenkins' five results. */
  result(json: Json): JenkinsBuildResult | null {
    const value = json.result ?? null;
    if (value === null || (BUILD_RESULTS as readonly unknown[]).includes(value)) return value as JenkinsBuildResult | null;
    throw this.wrong('result', `null or one of ${BUILD_RESULTS.join(', ')}`);
  }

  /** The value of parameter `name` in a build's or queue item's actions, or undefined. */
  parameter(json: Json, name: string): string | undefined {
    const actions = this.array(json.actions, 'actions');
    // Older Jenkins (and trees that leave `_class` out) print no class: then any action listing parameters will do.
    const parameters = actions.filter((action) => (action._class === undefined ? Array.isArray(action.parameters) : action._class === PARAMETERS_ACTION));
    for (const action of parameters) {
      const found = this.array(action.parameters, 'parameters').find((parameter) => parameter.name === name);
      if (found) return parameterText(found.value);
    }
    return undefined;
  }

  private wrong(field: string, expected: string): JenkinsError {
    return new JenkinsError(JenkinsErrorCode.UNEXPECTED_ANSWER, `${this.source} answered without ${expected} in "${field}": is JENKINS_URL a Jenkins?`);
  }
}

/** The gist of an answer for a message: its text without markup, cut short ('' when empty). */
export function gist(text: string): string {
  const plain = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** A parameter's value as Jenkins prints it: strings, numbers and booleans as text; anything else is no value. */
function parameterText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}
