import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) the summary reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  /** The node on top of the stack at each sample. */
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: SelfTime[];
  topFunctions: SelfTime[];
  /** For the native functions with the most self time: their nearest JavaScript callers, grouped by what they do. */
  nativeCallers: Array<{ native: string; ms: number; callers: SelfTime[] }>;
}

/** Callers listed per native function. */
const TOP_CALLERS = 20;
const TOP_FUNCTIONS = 25;
const TOP_PACKAGES = 30;
const TOP_NATIVES = 6;

/**
 * Self time (time on top of the stack) by package and by function, and where the time of native
 * functions (no script: `writeBuffer`, `writev`…) comes from: for each, the nearest caller that is
 * JavaScript, grouped as PostgreSQL, Redis, HTTP or logging by the package or file it is in.
 */
export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the gap before sample i: it belongs to the sample before it (the next sample's delta is this one's duration).
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, profile.timeDeltas[i + 1] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((sum, us) => sum + us, 0);

  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const natives = new Map<string, Map<string, number>>();
  for (const [id, us] of selfUs) {
    const { callFrame } = nodes.get(id)!;
    add(byPackage, packageOf(callFrame), us);
    add(byFunction, functionLabel(callFrame), us);
    if (isNative(callFrame)) {
      const callers = natives.get(callFrame.functionName) ?? new Map<string, number>();
      natives.set(callFrame.functionName, callers);
      add(callers, callerGroup(nearestScript(id, nodes, parents)), us);
    }
  }
  const ranked = (times: Map<string, number>, limit = Infinity): SelfTime[] =>
    [...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: round(us / 1000), share: totalUs ? round((100 * us) / totalUs) : 0 }));
  const nativeCallers = [...natives]
    .map(([native, callers]) => ({ native, us: [...callers.values()].reduce((sum, us) => sum + us, 0), callers }))
    .sort((a, b) => b.us - a.us)
    .slice(0, TOP_NATIVES)
    .map(({ native, us, callers }) => ({ native, ms: round(us / 1000), callers: ranked(callers, TOP_CALLERS) }));
  return { totalMs: round(totalUs / 1000), byPackage: ranked(byPackage), topFunctions: ranked(byFunction, TOP_FUNCTIONS), nativeCallers };
}

type CallFrame = CpuProfile['nodes'][number]['callFrame'];

/** The node_modules package, `node:` internals, our `libs/<name>` / `apps/<name>` / `bench`, or V8's own entries. */
export function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + '/node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.startsWith('node:')) return 'node:';
  const ours = /\/(libs|apps)\/([^/]+)\//.exec(url) ?? /\/(bench)\//.exec(url);
  if (ours) return ours[1] === 'bench' ? 'bench' : `${ours[1]}/${ours[2]}`;
  return '(other)';
}

function functionLabel(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(?:dist\/)?(?=(?:libs|apps|bench)\/)/, '');
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

/** A function with no script that is not one of V8's bookkeeping entries: a builtin or a binding. */
function isNative(frame: CallFrame): boolean {
  return !frame.url && !frame.functionName.startsWith('(') && frame.functionName !== '';
}

function nearestScript(id: number, nodes: Map<number, CpuProfile['nodes'][number]>, parents: Map<number, number>): CallFrame[] {
  const stack: CallFrame[] = [];
  for (let at = parents.get(id); at !== undefined; at = parents.get(at)) {
    const frame = nodes.get(at)!.callFrame;
    if (frame.url) stack.push(frame);
    // Up to the first frame that says whose it is (our own code, or a package other than Node's own).
    if (frame.url && !frame.url.startsWith('node:')) break;
  }
  return stack;
}

/** What a native call was for, from its nearest JavaScript callers (innermost first). */
export function callerGroup(callers: CallFrame[]): string {
  if (callers.length === 0) return '(no JavaScript caller)';
  const packages = callers.map(packageOf);
  const owner = packages.find((p) => p !== 'node:');
  const urls = callers.map((frame) => frame.url).join(' ');
  if (owner === 'pg' || owner === 'pg-protocol' || owner === 'pg-pool' || owner?.startsWith('@mikro-orm') || owner === 'knex') return `PostgreSQL (${owner})`;
  if (owner === 'ioredis' || owner === 'bullmq') return `Redis (${owner})`;
  if (owner === 'pino' || owner === 'pino-pretty' || owner === 'sonic-boom' || owner === 'winston' || /console|logger/i.test(urls)) return `logging (${owner ?? 'node:'})`;
  if (owner === 'undici' || owner === 'express' || owner === 'body-parser' || owner === 'raw-body' || owner?.startsWith('@nestjs/platform') || /node:_http|node:internal\/deps\/undici/.test(urls)) {
    return `HTTP (${owner ?? 'node:'})`;
  }
  return `${owner ?? 'node:'} (${functionLabel(callers[callers.length - 1])})`;
}

function add(times: Map<string, number>, key: string, us: number): void {
  times.set(key, (times.get(key) ?? 0) + us);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function formatSummary(file: string, summary: ProfileSummary): string {
  const lines = [`${file}: ${summary.totalMs} ms sampled`, '', 'Self time by package:'];
  const list = (items: SelfTime[], indent = '  ') => items.map((item) => `${indent}${String(item.ms).padStart(9)} ms ${String(item.share).padStart(5)} %  ${item.name}`);
  const rest = summary.byPackage.slice(TOP_PACKAGES);
  lines.push(...list(summary.byPackage.slice(0, TOP_PACKAGES)));
  if (rest.length) lines.push(`  ${round(rest.reduce((sum, p) => sum + p.ms, 0))} ms in ${rest.length} more packages`);
  lines.push('', `Top ${TOP_FUNCTIONS} functions by self time:`, ...list(summary.topFunctions), '', 'Native functions, by their nearest JavaScript caller:');
  for (const native of summary.nativeCallers) lines.push(`  ${native.native}: ${native.ms} ms`, ...list(native.callers, '    '));
  return lines.join('\n');
}

/** `node dist/bench/profile-summary.js <file.cpuprofile | directory>`: a directory means its newest profile. */
function main(argv: string[]): void {
  const target = argv[0] ?? 'bench/profiles';
  const file = statSync(target).isDirectory()
    ? readdirSync(target)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(target, name))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
    : target;
  if (!file) throw new Error(`no .cpuprofile in ${target}`);
  console.log(formatSummary(file, summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)));
}

if (require.main === module) main(process.argv.slice(2));
