import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import * as models from 'kubernetes-models';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

/**
 * The Kubernetes manifests as `kubectl apply -k` would send them: every overlay rendered with
 * `kubectl kustomize`, every object validated against the Kubernetes schema of its kind
 * (kubernetes-models), then the production rules checked on the validated objects. And
 * docker-compose.yml, parsed the way compose reads it.
 */

const ROOT = resolve(__dirname, '..');
const K8S = join(ROOT, 'k8s');
const SERVICES = ['gateway', 'registry', 'scheduler', 'runner', 'notifier'] as const;
/** The Prometheus Operator's ServiceMonitor: a CRD kubernetes-models has no model for (checked below by its published schema). */
const SERVICE_MONITOR = 'monitoring.coreos.com/v1/ServiceMonitor';

// Loose views of the rendered objects, enough for the rules below; the schema validation is the strict part.
interface Meta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  exec?: { command: string[] };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean };
  terminationGracePeriodSeconds?: number;
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
}
interface Workload {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: { metadata: Meta; spec: PodSpec };
    volumeClaimTemplates?: { metadata: { name: string } }[];
  };
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

type ModelClass = new (data: object) => { validate(): void };
type ModelGroups = Record<string, Record<string, Record<string, ModelClass | undefined> | undefined> | undefined>;

/** The kubernetes-models class of an apiVersion and kind: `apps/v1` Deployment → models.apps.v1.Deployment, `v1` Service → models.v1.Service. */
function modelOf(apiVersion: string, kind: string): ModelClass | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const groups = models as unknown as ModelGroups & Record<string, Record<string, ModelClass | undefined>>;
  if (group === '') return groups[version]?.[kind];
  // networking.k8s.io → networkingK8sIo, as kubernetes-models names its group modules.
  const key = group.replace(/\.(\w)/g, (_, letter: string) => letter.toUpperCase());
  return groups[key]?.[version]?.[kind];
}

const kubectlVersion = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = kubectlVersion.status === 0;
/** The overlays use kustomize 5 (labels, replicas, inline patches, components): kubectl 1.27 or later embeds it. */
const kustomizeMajor = Number(/Kustomize Version: v(\d+)/.exec(kubectlVersion.stdout ?? '')?.[1] ?? 0);
const ci = !!process.env.CI && process.env.CI !== 'false';
if (!hasKubectl && !ci) {
  console.warn('kubernetes manifests: SKIPPED, `kubectl` is not on the PATH (`.ci/run` installs Debian kubernetes-client; in CI a missing kubectl fails)');
}
const describeKubernetes = hasKubectl || ci ? describe : describe.skip;

function render(dir: string): K8sObject[] {
  if (!hasKubectl) throw new Error('kubectl is not on the PATH: .ci/run installs Debian kubernetes-client when it is missing');
  if (kustomizeMajor < 5)
    throw new Error(`kubectl embeds kustomize v${kustomizeMajor || '?'} (${kubectlVersion.stdout.trim().replace(/\n/g, ', ')}): the overlays need kustomize 5, kubectl 1.27 or later`);
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout).map((doc) => {
    if (doc.errors.length) throw new Error(`kubectl kustomize ${dir}: ${doc.errors[0].message}`);
    return doc.toJS() as K8sObject;
  });
}

/** The production overlay with the ServiceMonitor component, as an SRE's own overlay on top of it would be. */
function renderProductionWithServiceMonitor(): K8sObject[] {
  const dir = mkdtempSync(join(tmpdir(), 'hydrator-kustomize-'));
  try {
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'namespace: hydrator',
        'resources:',
        `  - ${relative(dir, join(K8S, 'overlays/production'))}`,
        'components:',
        `  - ${relative(dir, join(K8S, 'components/service-monitor'))}`,
        '',
      ].join('\n'),
    );
    return render(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const OVERLAYS: Record<string, { namespace: string; render: () => K8sObject[] }> = {
  production: { namespace: 'hydrator', render: () => render(join(K8S, 'overlays/production')) },
  'production + service-monitor component': { namespace: 'hydrator', render: renderProductionWithServiceMonitor },
  demo: { namespace: 'hydrator-demo', render: () => render(join(K8S, 'overlays/demo')) },
};

const CLUSTER_SCOPED = new Set(['Namespace']);
const key = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
const workloads = (objects: K8sObject[]) => objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind)) as unknown as Workload[];
const find = <T = K8sObject>(objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as T | undefined;
const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);
const isHydratorContainer = (c: Container) => c.command?.[0] === 'node' && (c.command?.[1] ?? '').startsWith('dist/');
function podSpecs(objects: K8sObject[]): { owner: string; spec: PodSpec; metadata: Meta }[] {
  return objects
    .filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))
    .map((o) => ({ owner: key(o), spec: o.spec.template.spec as PodSpec, metadata: o.spec.template.metadata as Meta }));
}
/** What `kubectl apply -l 'app.kubernetes.io/component in (config,migrate)'` applies: the README's first step. */
const inMigrateStep = (o: K8sObject) => ['config', 'migrate'].includes(o.metadata.labels?.['app.kubernetes.io/component'] ?? '');

describeKubernetes('kubernetes manifests (kubectl kustomize, kubernetes-models)', () => {
  const rendered = new Map<string, K8sObject[]>();
  const objectsOf = (overlay: string) => {
    if (!rendered.has(overlay)) rendered.set(overlay, OVERLAYS[overlay].render());
    return rendered.get(overlay)!;
  };

  describe.each(Object.keys(OVERLAYS))('%s', (overlay) => {
    const { namespace } = OVERLAYS[overlay];

    it('renders, and every object is valid against the Kubernetes schema of its kind', () => {
      const objects = objectsOf(overlay);
      expect(objects.length).toBeGreaterThan(5);
      const invalid: string[] = [];
      for (const object of objects) {
        if (`${object.apiVersion}/${object.kind}` === SERVICE_MONITOR) continue;
        const Model = modelOf(object.apiVersion, object.kind);
        if (!Model) {
          invalid.push(`${key(object)}: no kubernetes-models class for ${object.apiVersion} ${object.kind}`);
          continue;
        }
        try {
          new Model(object).validate();
        } catch (error) {
          invalid.push(`${key(object)}: ${(error as Error).message}`);
        }
      }
      expect(invalid).toEqual([]);
    });

    it(`puts every object in the namespace ${namespace}, which it creates`, () => {
      const objects = objectsOf(overlay);
      expect(find(objects, 'Namespace', namespace)).toBeDefined();
      const elsewhere = objects.filter((o) => !CLUSTER_SCOPED.has(o.kind) && o.metadata.namespace !== namespace).map(key);
      expect(elsewhere).toEqual([]);
    });

    it('gives every container resource requests and limits, and every long-running one liveness and readiness probes', () => {
      const problems: string[] = [];
      for (const { owner, spec } of podSpecs(objectsOf(overlay))) {
        for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
          for (const kind of ['requests', 'limits'] as const)
            for (const resource of ['cpu', 'memory']) if (!container.resources?.[kind]?.[resource]) problems.push(`${owner} ${container.name}: no ${resource} ${kind}`);
        }
        if (owner.startsWith('Job/')) continue;
        for (const container of spec.containers) {
          if (!container.livenessProbe) problems.push(`${owner} ${container.name}: no livenessProbe`);
          if (!container.readinessProbe) problems.push(`${owner} ${container.name}: no readinessProbe`);
        }
      }
      expect(problems).toEqual([]);
    });

    it("runs Hydrator's containers as non-root on a read-only root filesystem, probed on /health/live and /health/ready, scraped on /metrics", () => {
      const problems: string[] = [];
      for (const { owner, spec, metadata } of podSpecs(objectsOf(overlay))) {
        if (!spec.securityContext?.runAsNonRoot) problems.push(`${owner}: runAsNonRoot is not set`);
        const containers = [...spec.containers, ...(spec.initContainers ?? [])].filter((c) => c.image === spec.containers.find(isHydratorContainer)?.image);
        for (const container of containers) {
          if (!container.securityContext?.readOnlyRootFilesystem) problems.push(`${owner} ${container.name}: root filesystem writable`);
          if (container.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${owner} ${container.name}: privilege escalation allowed`);
        }
        const service = spec.containers.find((c) => isHydratorContainer(c) && !c.command!.includes('dist/libs/database/src/migrate.js'));
        if (!service) continue;
        if (service.livenessProbe?.httpGet?.path !== '/health/live') problems.push(`${owner}: liveness is not /health/live`);
        if (service.startupProbe?.httpGet?.path !== '/health/live') problems.push(`${owner}: startup is not /health/live`);
        if (service.readinessProbe?.httpGet?.path !== '/health/ready') problems.push(`${owner}: readiness is not /health/ready`);
        const port = (service.env ?? []).find((e) => e.name === 'PORT')?.value;
        const annotations = metadata.annotations ?? {};
        if (annotations['prometheus.io/scrape'] !== 'true' || annotations['prometheus.io/path'] !== '/metrics' || annotations['prometheus.io/port'] !== port) {
          problems.push(`${owner}: no prometheus.io scrape annotations for /metrics on PORT ${port}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('uses one Hydrator image, with a tag, everywhere', () => {
      const images = new Set<string>();
      for (const { spec } of podSpecs(objectsOf(overlay)))
        for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) if (isHydratorContainer(container)) images.add(container.image);
      expect(images.size).toBe(1);
      expect([...images][0]).toMatch(/^[^:]+(:[\w.-]+)$/);
    });

    it('references only ConfigMaps, Secrets, volume claims and pods that exist', () => {
      const objects = objectsOf(overlay);
      const problems: string[] = [];
      for (const { owner, spec } of podSpecs(objects)) {
        for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
          for (const from of container.envFrom ?? []) {
            if (from.configMapRef && !find(objects, 'ConfigMap', from.configMapRef.name)) problems.push(`${owner}: no ConfigMap ${from.configMapRef.name}`);
            if (from.secretRef && !find(objects, 'Secret', from.secretRef.name)) problems.push(`${owner}: no Secret ${from.secretRef.name}`);
          }
          for (const env of container.env ?? []) {
            const ref = env.valueFrom?.secretKeyRef;
            if (ref && find(objects, 'Secret', ref.name)?.stringData?.[ref.key] === undefined) problems.push(`${owner}: no Secret key ${ref.name}/${ref.key}`);
          }
        }
        for (const volume of spec.volumes ?? [])
          if (volume.persistentVolumeClaim && !find(objects, 'PersistentVolumeClaim', volume.persistentVolumeClaim.claimName))
            problems.push(`${owner}: no claim ${volume.persistentVolumeClaim.claimName}`);
      }
      for (const service of objects.filter((o) => o.kind === 'Service')) {
        const selector = service.spec.selector as Record<string, string>;
        const targets = workloads(objects).filter((w) => selects(selector, w.spec.template.metadata.labels));
        if (targets.length !== 1) problems.push(`Service/${service.metadata.name} selects ${targets.length} workloads`);
        for (const port of service.spec.ports as { targetPort: string }[])
          if (!targets[0]?.spec.template.spec.containers.some((c) => (c as { ports?: { name: string }[] }).ports?.some((p) => p.name === port.targetPort)))
            problems.push(`Service/${service.metadata.name}: no container port ${port.targetPort}`);
      }
      for (const w of workloads(objects)) if (!selects(w.spec.selector.matchLabels, w.spec.template.metadata.labels)) problems.push(`${key(w)}: selector does not match its pods`);
      expect(problems).toEqual([]);
    });
  });

  describe('production', () => {
    const objects = () => objectsOf('production');
    const deployment = (service: string) => find<Workload>(objects(), 'Deployment', `hydrator-${service}`)!;

    it('runs each service in its own Deployment, with the command of that service and the same configuration', () => {
      for (const service of SERVICES) {
        const [container] = deployment(service).spec.template.spec.containers;
        expect(container.command).toEqual(['node', `dist/apps/${service}/src/main.js`]);
        expect(existsSync(join(ROOT, `apps/${service}/src/main.ts`))).toBe(true);
        expect(container.envFrom).toEqual([{ configMapRef: { name: 'hydrator-config' } }, { secretRef: { name: 'hydrator-secrets' } }]);
      }
      expect(
        workloads(objects())
          .map((w) => w.metadata.name)
          .sort(),
      ).toEqual(SERVICES.map((s) => `hydrator-${s}`).sort());
    });

    it('runs at least two runners and two gateways, and a PodDisruptionBudget selects every replicated service', () => {
      expect(deployment('runner').spec.replicas).toBeGreaterThanOrEqual(2);
      expect(deployment('gateway').spec.replicas).toBeGreaterThanOrEqual(2);
      const budgets = objects().filter((o) => o.kind === 'PodDisruptionBudget') as unknown as IPodDisruptionBudget[];
      const budgetSelector = (b: IPodDisruptionBudget) => (b.spec?.selector?.matchLabels ?? { none: 'none' }) as Record<string, string>;
      for (const w of workloads(objects()).filter((w) => (w.spec.replicas ?? 1) >= 2)) {
        const selecting = budgets.filter((b) => selects(budgetSelector(b), w.spec.template.metadata.labels));
        expect({ deployment: w.metadata.name, budgets: selecting.length }).toEqual({ deployment: w.metadata.name, budgets: 1 });
        // A budget that allows no disruption at all would block every node drain.
        const [budget] = selecting;
        const floor = Number(budget.spec?.minAvailable ?? (w.spec.replicas ?? 1) - Number(budget.spec?.maxUnavailable));
        expect(floor).toBeLessThan(w.spec.replicas!);
        expect(floor).toBeGreaterThanOrEqual(1);
      }
      for (const name of ['hydrator-runner', 'hydrator-gateway'])
        expect(budgets.some((b) => selects(budgetSelector(b), find<Workload>(objects(), 'Deployment', name)!.spec.template.metadata.labels))).toBe(true);
    });

    it('autoscales the gateway Deployment (autoscaling/v2) from its replica count up', () => {
      const autoscalers = objects().filter((o) => o.kind === 'HorizontalPodAutoscaler') as unknown as IHorizontalPodAutoscaler[];
      expect(autoscalers.map((a) => [a.apiVersion, a.spec?.scaleTargetRef])).toEqual([['autoscaling/v2', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hydrator-gateway' }]]);
      const [hpa] = autoscalers;
      expect(hpa.spec?.minReplicas).toBe(deployment('gateway').spec.replicas);
      expect(hpa.spec?.maxReplicas).toBeGreaterThan(hpa.spec?.minReplicas ?? Infinity);
      // Utilization targets are relative to the requests, which the container must therefore have.
      expect(deployment('gateway').spec.template.spec.containers[0].resources?.requests?.cpu).toBeDefined();
    });

    it("lets a stopping pod drain: preStop, then SIGTERM and the ConfigMap's SHUTDOWN_TIMEOUT, inside the grace period", () => {
      const configMap = find(objects(), 'ConfigMap', 'hydrator-config')!.data!;
      const seconds = /^(\d+)s$/.exec(configMap.SHUTDOWN_TIMEOUT)?.[1];
      expect(seconds).toBeDefined();
      for (const service of SERVICES) {
        const spec = deployment(service).spec.template.spec;
        const preStop = spec.containers[0].lifecycle?.preStop?.exec?.command ?? [];
        expect(preStop[0]).toBe('sleep');
        expect(Number(preStop[1]) + Number(seconds)).toBeLessThan(spec.terminationGracePeriodSeconds ?? 30);
      }
    });

    it('migrates first: the Job and everything it needs are what the first apply step selects, and no service is', () => {
      const job = find(objects(), 'Job', 'hydrator-migrate')!;
      expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'dist/libs/database/src/migrate.js']);
      expect(existsSync(join(ROOT, 'libs/database/src/migrate.ts'))).toBe(true);
      expect(objects().filter(inMigrateStep).map(key).sort()).toEqual(
        ['ConfigMap/hydrator-config', 'Job/hydrator-migrate', 'Namespace/hydrator', 'Secret/hydrator-secrets', 'ServiceAccount/hydrator'].sort(),
      );
    });

    it('has a ConfigMap entry or a Secret entry for every variable Hydrator reads, and ships no real secret', () => {
      const source = readFileSync(join(ROOT, 'libs/config/src/hydrator-config.ts'), 'utf8');
      const variables = new Set([...source.matchAll(/read\.\w+\('([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]));
      expect(variables.size).toBeGreaterThan(20);
      const configMap = find(objects(), 'ConfigMap', 'hydrator-config')!.data!;
      const secret = find(objects(), 'Secret', 'hydrator-secrets')!.stringData!;
      // PORT is in each container's env (the probes and annotations name it); HYDRATOR_DEMO_FLEET is npm start's.
      const given = new Set([...Object.keys(configMap), ...Object.keys(secret), 'PORT', 'HYDRATOR_DEMO_FLEET']);
      expect([...variables].filter((v) => !given.has(v))).toEqual([]);
      expect(Object.keys(configMap).filter((k) => k in secret)).toEqual([]);
      expect(configMap.GRAPHQL_INTROSPECTION).toBe('false');
      for (const name of ['JENKINS_WEBHOOK_SECRET', 'CANCEL_LINK_SECRET', 'HYDRATOR_OPERATOR_TOKENS']) expect(secret[name]).toMatch(/CHANGE-ME/);
      for (const name of ['DATABASE_URL', 'REDIS_URL']) expect(new URL(secret[name]).hostname).toMatch(/\.invalid$/);
    });
  });

  describe('production + service-monitor component', () => {
    it("adds a ServiceMonitor with the published CRD's required fields, scraping /metrics on the port every Hydrator Service has", () => {
      // kubernetes-models has no model for this CRD: its published schema (monitoring.coreos.com_servicemonitors.yaml,
      // prometheus-operator) requires spec.selector; each endpoint names a Service port.
      const objects = objectsOf('production + service-monitor component');
      const monitors = objects.filter((o) => `${o.apiVersion}/${o.kind}` === SERVICE_MONITOR);
      expect(monitors).toHaveLength(1);
      const [monitor] = monitors;
      expect(monitor.metadata.namespace).toBe('hydrator');
      expect(monitor.spec.selector).toBeDefined();
      const matchLabels = (monitor.spec.selector.matchLabels ?? {}) as Record<string, string>;
      const expressions = (monitor.spec.selector.matchExpressions ?? []) as { key: string; operator: string; values: string[] }[];
      const selected = objects.filter(
        (o) => o.kind === 'Service' && selects(matchLabels, o.metadata.labels) && expressions.every((e) => e.operator === 'In' && e.values.includes(o.metadata.labels?.[e.key] ?? '')),
      );
      expect(selected.map((s) => s.metadata.name).sort()).toEqual(SERVICES.map((s) => `hydrator-${s}`).sort());
      for (const endpoint of monitor.spec.endpoints as { port: string; path: string }[]) {
        expect(endpoint.path).toBe('/metrics');
        for (const service of selected) expect((service.spec.ports as { name: string }[]).map((p) => p.name)).toContain(endpoint.port);
      }
    });
  });

  describe('demo', () => {
    const objects = () => objectsOf('demo');

    it('runs every service in one pod, which migrates itself, on the bundled PostgreSQL and Redis', () => {
      const hydrator = workloads(objects()).filter((w) => w.spec.template.spec.containers.some(isHydratorContainer));
      expect(hydrator.map((w) => [w.metadata.name, w.spec.replicas, w.spec.template.spec.containers[0].command])).toEqual([['hydrator', 1, ['node', 'dist/apps/hydrator/src/main.js']]]);
      expect(objects().filter((o) => o.kind === 'Job')).toEqual([]);
      const secret = find(objects(), 'Secret', 'hydrator-secrets')!.stringData!;
      const postgres = find<Workload>(objects(), 'StatefulSet', 'hydrator-postgres')!;
      const redis = find<Workload>(objects(), 'StatefulSet', 'hydrator-redis')!;
      expect(postgres.spec.volumeClaimTemplates?.length).toBe(1);
      expect(redis.spec.volumeClaimTemplates?.length).toBe(1);
      expect(new URL(secret.DATABASE_URL).hostname).toBe('hydrator-postgres');
      expect(new URL(secret.REDIS_URL).hostname).toBe('hydrator-redis');
      const passwordRef = postgres.spec.template.spec.containers[0].env!.find((e) => e.name === 'POSTGRES_PASSWORD')!.valueFrom!.secretKeyRef!;
      expect(decodeURIComponent(new URL(secret.DATABASE_URL).password)).toBe(find(objects(), 'Secret', passwordRef.name)!.stringData![passwordRef.key]);
      const redisCommand = redis.spec.template.spec.containers[0].command!.join(' ');
      expect(redisCommand).toContain('--appendonly yes');
      expect(redisCommand).toContain('--maxmemory-policy noeviction');
    });

    it('configures no integration, so Jenkins, Slack, Jira and GitHub are the sandboxes, and lets the process generate its tokens', () => {
      const configMap = find(objects(), 'ConfigMap', 'hydrator-config')!.data!;
      const secret = find(objects(), 'Secret', 'hydrator-secrets')!.stringData!;
      const settings = { ...configMap, ...secret };
      for (const name of ['JENKINS_URL', 'SLACK_TOKEN', 'JIRA_HOST', 'GITHUB_API_URL', 'GITHUB_TOKEN', 'ALERTMANAGER_URL', 'HYDRATOR_OPERATOR_TOKENS', 'JENKINS_WEBHOOK_SECRET', 'CANCEL_LINK_SECRET'])
        expect({ name, value: settings[name] ?? '' }).toEqual({ name, value: '' });
    });
  });
});

describe('docker-compose.yml', () => {
  interface ComposeService {
    image?: string;
    command?: string[];
    volumes?: string[];
    depends_on?: Record<string, { condition: string }>;
    environment?: Record<string, string>;
    healthcheck?: { test: string[] };
  }
  const compose = parseYaml(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

  it('runs PostgreSQL, Redis, Alertmanager, the migration once, then each service from the one image', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['alertmanager', 'gateway', 'migrate', 'notifier', 'postgres', 'redis', 'registry', 'runner', 'scheduler']);
    expect(compose.services.migrate.command).toEqual(['node', 'dist/libs/database/src/migrate.js']);
    for (const service of SERVICES) {
      const definition = compose.services[service];
      expect(definition.command).toEqual(['node', `dist/apps/${service}/src/main.js`]);
      expect(definition.image).toBe(compose.services.migrate.image);
      expect(definition.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
      expect(definition.environment?.DATABASE_URL).toContain('@postgres:5432/');
      expect(definition.environment?.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
      expect(definition.healthcheck?.test.join(' ')).toContain('/health/ready');
    }
  });

  it('keeps Redis append-only (AOF) on a volume, never evicting', () => {
    const redis = compose.services.redis;
    expect(redis.command?.join(' ')).toContain('--appendonly yes');
    expect(redis.command?.join(' ')).toContain('--maxmemory-policy noeviction');
    const [volume, mountPath] = (redis.volumes ?? [''])[0].split(':');
    expect(mountPath).toBe('/data');
    expect(compose.volumes).toHaveProperty(volume);
  });

  const hasCompose = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  (hasCompose ? it : it.skip)('is accepted by `docker compose config`', () => {
    const env = { ...process.env, HYDRATOR_OPERATOR_TOKENS: 'ci:0123456789abcdef0123', JENKINS_WEBHOOK_SECRET: '0123456789abcdef0123', CANCEL_LINK_SECRET: '0123456789abcdef0123' };
    const result = spawnSync('docker', ['compose', '-f', join(ROOT, 'docker-compose.yml'), 'config', '--quiet'], { encoding: 'utf8', env });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
