// Keeps the monitoring that ships honest: Grafana in compose with its provisioning, every
// dashboard and alert well-formed and asking only for metrics (and labels) the code exports,
// the rules accepted and unit-tested by promtool, and infra/k8s carrying the same rules and
// dashboards, scrape annotations, a PodDisruptionBudget and NetworkPolicies for every app.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  isMap,
  listApps,
  mapAt,
  readRepoFile,
  readYaml,
  readYamlDocuments,
  REPO_ROOT,
  scalar,
  serviceEnvironment,
  type YamlMap,
} from './infra-files';
import {
  AMBIENT_LABELS,
  exportedMetrics,
  HIGH_CARDINALITY_LABELS,
  metricsInSource,
  PROMETHEUS_SERIES,
  readPromql,
  seriesIndex,
  type ExportedMetric,
} from './metrics-source';

const DASHBOARDS_DIR = 'infra/grafana/dashboards';
const ALERTS = 'infra/prometheus/alerts.yml';
const PROMETHEUS_CONFIG = 'infra/prometheus/prometheus.yml';
const ALERT_CASES = 'infra/test/alerts.cases.yml';
const K8S_MONITORING = 'infra/k8s/monitoring';
const SEVERITIES = ['page', 'warning'];

const apps = listApps();
const compose = mapAt(readYaml('docker-compose.yaml'), 'docker-compose.yaml');
const services = mapAt(compose.services, 'docker-compose.yaml services');

function service(name: string): YamlMap {
  if (!(name in services)) throw new Error(`docker-compose.yaml has no service \`${name}\``);
  return mapAt(services[name], `docker-compose.yaml services.${name}`);
}

// ---------------------------------------------------------------- what the files ask for

interface Dashboard {
  file: string;
  json: YamlMap;
}

const dashboardFiles = readdirSync(join(REPO_ROOT, DASHBOARDS_DIR))
  .filter((name) => name.endsWith('.json'))
  .sort();

function readDashboard(file: string): Dashboard {
  const path = `${DASHBOARDS_DIR}/${file}`;
  let json: unknown;
  try {
    json = JSON.parse(readRepoFile(path)) as unknown;
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  return { file: path, json: mapAt(json, path) };
}

/** Every panel, rows' nested panels included. */
function panelsOf(dashboard: YamlMap): YamlMap[] {
  const top = Array.isArray(dashboard.panels) ? dashboard.panels.filter(isMap) : [];
  return top.flatMap((panel) => [
    panel,
    ...(Array.isArray(panel.panels) ? panel.panels.filter(isMap) : []),
  ]);
}

function variablesOf(dashboard: YamlMap): YamlMap[] {
  const templating = isMap(dashboard.templating) ? dashboard.templating : {};
  return Array.isArray(templating.list) ? templating.list.filter(isMap) : [];
}

/** A PromQL expression, where it is used, and the labels its context adds. */
interface Use {
  where: string;
  expr: string;
}

function dashboardUses({ file, json }: Dashboard): Use[] {
  const uses: Use[] = [];
  for (const panel of panelsOf(json)) {
    for (const target of Array.isArray(panel.targets) ? panel.targets.filter(isMap) : []) {
      if (typeof target.expr === 'string') {
        uses.push({ where: `${file} panel "${scalar(panel.title)}"`, expr: target.expr });
      }
    }
  }
  for (const variable of variablesOf(json)) {
    const query = isMap(variable.query) ? variable.query.query : variable.query;
    if (variable.type !== 'query' || typeof query !== 'string') continue;
    const labelValues = /^\s*label_values\(\s*(.+?)\s*,\s*(\w+)\s*\)\s*$/.exec(query);
    uses.push({
      where: `${file} variable $${scalar(variable.name)}`,
      // label_values(metric, label) reads like a selector grouped by the label.
      expr: labelValues ? `sum by (${labelValues[2]}) (${labelValues[1]})` : query,
    });
  }
  return uses;
}

interface AlertRule {
  group: string;
  rule: YamlMap;
}

function rulesOf(path: string): AlertRule[] {
  const file = mapAt(readYaml(path), path);
  const groups = Array.isArray(file.groups) ? file.groups.filter(isMap) : [];
  return groups.flatMap((group) =>
    (Array.isArray(group.rules) ? group.rules.filter(isMap) : []).map((rule) => ({
      group: scalar(group.name),
      rule,
    })),
  );
}

const alertRules = rulesOf(ALERTS);

function alertUses(): Use[] {
  return alertRules.map(({ rule }) => ({
    where: `${ALERTS} ${scalar(rule.alert ?? rule.record)}`,
    expr: scalar(rule.expr),
  }));
}

// ---------------------------------------------------------------- promtool

/** `PROMTOOL=/path/to/promtool` picks another binary (or, naming none, shows the missing case). */
function findPromtool(): string | null {
  const candidates = process.env.PROMTOOL
    ? [process.env.PROMTOOL]
    : ['promtool', '/usr/bin/promtool'];
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (!probe.error && probe.status === 0) return candidate;
  }
  return null;
}

const PROMTOOL = findPromtool();
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const PROMTOOL_MISSING =
  'promtool is not installed: scripts/ensure-tools.sh installs it (Debian package `prometheus`)';
if (!PROMTOOL && !IN_CI) {
  console.warn(
    `infra/test/monitoring.spec.ts: ${PROMTOOL_MISSING}; the promtool checks are skipped here (CI=true fails them).`,
  );
}
/** Runs with promtool; without it, fails in CI and is skipped (with the warning above) elsewhere. */
const withPromtool = PROMTOOL || IN_CI ? it : it.skip;

function promtool(args: string[], cwd = REPO_ROOT): string {
  if (!PROMTOOL) throw new Error(PROMTOOL_MISSING);
  const run = spawnSync(PROMTOOL, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  const output = `${run.stdout}${run.stderr}`;
  if (run.error || run.status !== 0) {
    throw new Error(`promtool ${args.join(' ')} failed:\n${output || String(run.error)}`);
  }
  return output;
}

// ---------------------------------------------------------------- tests

describe('metrics-source', () => {
  it('reads prom-client registrations, with label lists from constants and spreads', () => {
    const text = [
      "const BASE = ['a', 'b'] as const;",
      "const h = new Histogram({ name: 'x_seconds', help: 'h', labelNames: [...BASE, 'c'], buckets: [1, 2] });",
      "new Gauge({ name: 'g', help: 'g', labelNames: ['d'], collect() { this.set({ d: '1' }, 1); } });",
      "const c = new Counter({ help: 'c', name: 'c_total' });",
    ].join('\n');
    expect(metricsInSource(text, 'f.ts')).toEqual([
      { name: 'x_seconds', type: 'histogram', labels: ['a', 'b', 'c'], source: 'f.ts' },
      { name: 'g', type: 'gauge', labels: ['d'], source: 'f.ts' },
      { name: 'c_total', type: 'counter', labels: [], source: 'f.ts' },
    ]);
  });

  it('reads OpenTelemetry instruments as the Prometheus exporter names them', () => {
    const text =
      "meter.createHistogram('gen_ai.client.operation.duration', { unit: 's' });\n" +
      "meter.createCounter('conduit.cache.lookups', { unit: '{lookup}' });";
    expect(metricsInSource(text, 'f.ts').map((metric) => metric.name)).toEqual([
      'gen_ai_client_operation_duration_seconds',
      'gen_ai_client_operation_duration',
      'conduit_cache_lookups_total',
    ]);
  });

  it('reads metric selectors and grouping labels out of PromQL and Grafana queries', () => {
    const reading = readPromql(
      'histogram_quantile(0.99, sum by (le, model) (rate(a_bucket{route=~"/v1/(x|y)", team=~"$team"}[$__rate_interval]))) ' +
        '/ on (model) group_left b_total offset 1h > 1e6 and count(up{job="x"} == 0) or vector(0)',
    );
    expect(reading.selectors).toEqual([
      { metric: 'a_bucket', matchers: ['route', 'team'] },
      { metric: 'b_total', matchers: [] },
      { metric: 'up', matchers: ['job'] },
    ]);
    expect(reading.groupingLabels).toEqual(['le', 'model', 'model']);
  });
});

describe('Grafana in docker-compose.yaml', () => {
  const grafana = () => service('grafana');

  it('runs a pinned grafana-oss image', () => {
    expect(scalar(grafana().image)).toMatch(/^grafana\/grafana(-oss)?:\d+\.\d+\.\d+$/);
  });

  it('commits no admin password: it comes from the environment', () => {
    const raw = isMap(grafana().environment) ? grafana().environment : {};
    const password = (raw as YamlMap).GF_SECURITY_ADMIN_PASSWORD;
    if (password !== undefined) expect(scalar(password)).toMatch(/^\$\{[A-Z_]+(:?-)?\}$/);
    expect(serviceEnvironment(grafana(), {}).GF_AUTH_ANONYMOUS_ORG_ROLE ?? 'Viewer').toBe('Viewer');
  });

  function mountTarget(source: string): string | undefined {
    const volumes = Array.isArray(grafana().volumes) ? grafana().volumes : [];
    const entry = (volumes as unknown[])
      .map(scalar)
      .find((volume) => volume.split(':')[0].replace(/\/$/, '') === source);
    return entry?.split(':')[1];
  }

  it('provisions a Prometheus datasource pointing at the compose prometheus service', () => {
    expect(mountTarget('./infra/grafana/provisioning/datasources')).toBe(
      '/etc/grafana/provisioning/datasources',
    );
    const file = 'infra/grafana/provisioning/datasources/prometheus.yaml';
    const datasources = mapAt(readYaml(file), file).datasources as YamlMap[];
    const prometheus = datasources.find((source) => source.type === 'prometheus');
    const url = new URL(scalar(prometheus?.url));
    expect({ host: url.hostname, port: url.port }).toEqual({ host: 'prometheus', port: '9090' });
    expect(services).toHaveProperty('prometheus');
    expect(prometheus?.isDefault).toBe(true);
  });

  it('provisions the dashboards from the folder it mounts them into', () => {
    expect(mountTarget('./infra/grafana/provisioning/dashboards')).toBe(
      '/etc/grafana/provisioning/dashboards',
    );
    const file = 'infra/grafana/provisioning/dashboards/conduit.yaml';
    const providers = mapAt(readYaml(file), file).providers as YamlMap[];
    const paths = providers.map((provider) => scalar(mapAt(provider.options, file).path));
    expect(paths).toContain(mountTarget(`./${DASHBOARDS_DIR}`));
  });

  it('starts after Prometheus is healthy', () => {
    expect(mapAt(grafana().depends_on, 'grafana.depends_on').prometheus).toEqual({
      condition: 'service_healthy',
    });
  });
});

describe('dashboards', () => {
  it('are the overview, providers, ledger, and guardrails and cache dashboards', () => {
    expect(dashboardFiles).toEqual(
      expect.arrayContaining([
        'overview.json',
        'providers.json',
        'ledger.json',
        'guardrails-cache.json',
      ]),
    );
  });

  it('have unique uids and titles', () => {
    const dashboards = dashboardFiles.map(readDashboard);
    const uids = dashboards.map(({ json }) => scalar(json.uid));
    const titles = dashboards.map(({ json }) => scalar(json.title));
    expect(new Set(uids).size).toBe(uids.length);
    expect(new Set(titles).size).toBe(titles.length);
  });

  describe.each(dashboardFiles)('%s', (file) => {
    const dashboard = readDashboard(file);
    const { json } = dashboard;
    const panels = panelsOf(json);
    const dataPanels = panels.filter((panel) => panel.type !== 'row');

    it('parses, with a uid, a title and panels', () => {
      expect(scalar(json.uid)).toMatch(/^[\w-]{1,40}$/);
      expect(scalar(json.title)).not.toBe('');
      expect(dataPanels.length).toBeGreaterThan(0);
    });

    it('gives every panel a unique id, a title and a place on the grid', () => {
      const problems = panels.flatMap((panel) => {
        const grid = isMap(panel.gridPos) ? panel.gridPos : {};
        const found: string[] = [];
        if (typeof panel.id !== 'number') found.push(`panel "${scalar(panel.title)}" has no id`);
        if (!panel.title) found.push(`panel ${scalar(panel.id)} has no title`);
        if (!['h', 'w', 'x', 'y'].every((key) => typeof grid[key] === 'number'))
          found.push(`panel "${scalar(panel.title)}" has no gridPos`);
        else if ((grid.x as number) + (grid.w as number) > 24)
          found.push(`panel "${scalar(panel.title)}" is wider than the grid`);
        return found;
      });
      const ids = panels.map((panel) => panel.id);
      if (new Set(ids).size !== ids.length) problems.push('panel ids repeat');
      expect(problems).toEqual([]);
    });

    it('gives every panel a Prometheus query', () => {
      const datasourceVariables = variablesOf(json)
        .filter((variable) => variable.type === 'datasource' && variable.query === 'prometheus')
        .map((variable) => `\${${scalar(variable.name)}}`);
      const isPrometheus = (source: unknown) =>
        isMap(source) &&
        source.type === 'prometheus' &&
        (datasourceVariables.includes(scalar(source.uid)) || source.uid === 'prometheus');
      const problems = dataPanels.flatMap((panel) => {
        const title = `panel "${scalar(panel.title)}"`;
        const targets = Array.isArray(panel.targets) ? panel.targets.filter(isMap) : [];
        if (targets.length === 0) return [`${title} has no targets`];
        return targets.flatMap((target) => {
          const found: string[] = [];
          if (typeof target.expr !== 'string' || target.expr.trim() === '')
            found.push(`${title} target ${scalar(target.refId)} has no expr`);
          if (!isPrometheus(target.datasource ?? panel.datasource))
            found.push(`${title} target ${scalar(target.refId)} is not on a Prometheus datasource`);
          return found;
        });
      });
      expect(problems).toEqual([]);
    });
  });
});

describe('alert rules', () => {
  it('are all alerts with a severity, a summary and a description saying what to do', () => {
    const problems = alertRules.flatMap(({ group, rule }) => {
      const name = `${group}/${scalar(rule.alert ?? rule.record)}`;
      if (typeof rule.alert !== 'string') return [`${name} is not an alert`];
      const labels = isMap(rule.labels) ? rule.labels : {};
      const annotations = isMap(rule.annotations) ? rule.annotations : {};
      const found: string[] = [];
      if (!SEVERITIES.includes(scalar(labels.severity)))
        found.push(`${name}: severity must be one of ${SEVERITIES.join(', ')}`);
      if (!scalar(annotations.summary).trim()) found.push(`${name} has no summary`);
      if (scalar(annotations.description).trim().length < 80)
        found.push(`${name}: its description must say what to do`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('cover what issue 15 asks for', () => {
    expect(alertRules.map(({ rule }) => rule.alert)).toEqual(
      expect.arrayContaining([
        'ConduitHighErrorRate',
        'ConduitTimeToFirstTokenP99High',
        'ConduitApiLatencyP99High',
        'ConduitCircuitBreakerOpen',
        'ConduitTeamSpendBurnRateHigh',
        'ConduitNoUsageEventsWhileTrafficFlows',
      ]),
    );
  });

  it('are named by prometheus.yml', () => {
    const config = mapAt(readYaml(PROMETHEUS_CONFIG), PROMETHEUS_CONFIG);
    expect(config.rule_files).toContain('alerts.yml');
  });

  withPromtool('pass `promtool check rules`', () => {
    expect(promtool(['check', 'rules', ALERTS])).toMatch(/SUCCESS/);
  });

  withPromtool('pass `promtool check config` with prometheus.yml', () => {
    expect(promtool(['check', 'config', PROMETHEUS_CONFIG])).toMatch(/SUCCESS/);
  });

  withPromtool(`fire as the cases in ${ALERT_CASES} expect (promtool test rules)`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'conduit-alerts-'));
    try {
      const withoutAnnotations = {
        groups: (mapAt(readYaml(ALERTS), ALERTS).groups as YamlMap[]).map((group) => ({
          ...group,
          rules: (group.rules as YamlMap[]).map((rule) =>
            Object.fromEntries(Object.entries(rule).filter(([key]) => key !== 'annotations')),
          ),
        })),
      };
      writeFileSync(join(dir, 'alerts.yml'), stringify(withoutAnnotations));
      copyFileSync(join(REPO_ROOT, ALERT_CASES), join(dir, 'cases.yml'));
      expect(promtool(['test', 'rules', 'cases.yml'], dir)).toMatch(/SUCCESS/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('metrics used by dashboards and alerts', () => {
  let exported: ExportedMetric[] = [];
  let index = new Map<string, ExportedMetric>();

  beforeAll(async () => {
    exported = await exportedMetrics();
    index = seriesIndex(exported);
  });

  const uses = [...dashboardFiles.map(readDashboard).flatMap(dashboardUses), ...alertUses()];

  it('finds the metrics the code registers', () => {
    expect(index.has('conduit_http_request_duration_seconds_count')).toBe(true);
    expect(index.has('process_cpu_seconds_total')).toBe(true);
  });

  it('are all exported by the code', () => {
    const unread = uses
      .filter(({ expr }) => readPromql(expr).selectors.length === 0)
      .map(({ where, expr }) => `${where}: no metric found in ${expr}`);
    expect(unread).toEqual([]);
    const unknown = uses.flatMap(({ where, expr }) =>
      readPromql(expr)
        .selectors.filter(({ metric }) => !index.has(metric) && !PROMETHEUS_SERIES.includes(metric))
        .map(({ metric }) =>
          metric === ''
            ? `${where}: a selector without a metric name`
            : `${where}: ${metric} is not exported by apps/*/src or libs/*/src`,
        ),
    );
    expect(unknown).toEqual([]);
  });

  it('only use labels those metrics have', () => {
    const problems = uses.flatMap(({ where, expr }) => {
      const reading = readPromql(expr);
      const found: string[] = [];
      const available = new Set([...AMBIENT_LABELS, 'le']);
      let allKnown = true;
      for (const { metric, matchers } of reading.selectors) {
        const definition = index.get(metric);
        if (!definition || definition.labels === null) {
          allKnown = false;
          continue;
        }
        const labels = new Set([
          ...definition.labels,
          ...AMBIENT_LABELS,
          ...(metric.endsWith('_bucket') ? ['le'] : []),
        ]);
        definition.labels.forEach((label) => available.add(label));
        for (const label of matchers.filter((matcher) => !labels.has(matcher))) {
          found.push(`${where}: ${metric} has no label ${label}`);
        }
      }
      if (allKnown) {
        for (const label of reading.groupingLabels.filter((grouping) => !available.has(grouping))) {
          found.push(`${where}: groups by ${label}, which none of its metrics has`);
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('never break series out per key, user or request', () => {
    const problems = [
      ...uses.flatMap(({ where, expr }) => {
        const reading = readPromql(expr);
        return [...reading.groupingLabels, ...reading.selectors.flatMap((s) => s.matchers)]
          .filter((label) => HIGH_CARDINALITY_LABELS.includes(label))
          .map((label) => `${where} uses the label ${label}`);
      }),
      ...exported.flatMap((metric) =>
        (metric.labels ?? [])
          .filter((label) => HIGH_CARDINALITY_LABELS.includes(label))
          .map((label) => `${metric.source}: ${metric.name} has the label ${label}`),
      ),
    ];
    expect(problems).toEqual([]);
  });
});

describe('scraping', () => {
  /** Apps whose config schema reads `<APP>_METRICS_PORT`. */
  const appsWithMetrics = apps.filter((app) =>
    new RegExp(`\\b${app.toUpperCase()}_METRICS_PORT\\b`).test(
      readRepoFile(`apps/${app}/src/config/${app}-config.schema.ts`),
    ),
  );
  const scrapeConfigs = (
    mapAt(readYaml(PROMETHEUS_CONFIG), PROMETHEUS_CONFIG).scrape_configs as YamlMap[]
  ).filter(isMap);

  it('knows which apps export metrics', () => {
    expect(appsWithMetrics).toEqual(expect.arrayContaining(['gateway', 'llm', 'ledger']));
  });

  it.each(appsWithMetrics)(
    '%s: compose sets its metrics port and prometheus.yml scrapes it there',
    (app) => {
      const variable = `${app.toUpperCase()}_METRICS_PORT`;
      const port = serviceEnvironment(service(app), {})[variable];
      expect({ [variable]: port }).toEqual({
        [variable]: expect.stringMatching(/^\d+$/) as unknown,
      });
      const scraped = scrapeConfigs.flatMap((config) =>
        (Array.isArray(config.dns_sd_configs) ? config.dns_sd_configs.filter(isMap) : []).flatMap(
          (sd) =>
            (Array.isArray(sd.names) ? sd.names : []).map(
              (name) => `${scalar(name)}:${scalar(sd.port)}`,
            ),
        ),
      );
      expect(scraped).toContain(`${app}:${port}`);
    },
  );

  describe('infra/k8s', () => {
    const KUSTOMIZATION = 'infra/k8s/kustomization.yaml';
    const kustomization = mapAt(readYaml(KUSTOMIZATION), KUSTOMIZATION);
    const resources = (kustomization.resources as unknown[]).map(scalar);
    const objects = resources.flatMap((file) =>
      readYamlDocuments(join('infra/k8s', file)).filter(isMap),
    );
    const ofKind = (kind: string) => objects.filter((object) => object.kind === kind);
    const generators = (kustomization.configMapGenerator as YamlMap[]).filter(isMap);
    const generatedFiles = generators.flatMap((generator) =>
      (Array.isArray(generator.files) ? generator.files : []).map((file) => ({
        configMap: scalar(generator.name),
        file: scalar(file),
        options: isMap(generator.options) ? generator.options : {},
      })),
    );

    function podTemplate(app: string): YamlMap {
      const deployment = ofKind('Deployment').find(
        (object) => isMap(object.metadata) && object.metadata.name === app,
      );
      const spec = mapAt(mapAt(deployment?.spec, `${app} Deployment spec`).template, app);
      return spec;
    }

    function podLabels(app: string): YamlMap {
      const metadata = mapAt(podTemplate(app).metadata, `${app} pod metadata`);
      return mapAt(metadata.labels, `${app} pod labels`);
    }

    function selects(selector: unknown, labels: YamlMap): boolean {
      if (!isMap(selector)) return false;
      const wanted = isMap(selector.matchLabels) ? selector.matchLabels : {};
      return Object.entries(wanted).every(([key, value]) => labels[key] === value);
    }

    it.each(apps)('%s: a PodDisruptionBudget covers its pods', (app) => {
      const budgets = ofKind('PodDisruptionBudget').filter((budget) =>
        selects(isMap(budget.spec) ? budget.spec.selector : undefined, podLabels(app)),
      );
      expect(budgets).toHaveLength(1);
      const spec = mapAt(budgets[0].spec, `${app} PodDisruptionBudget`);
      expect(spec.maxUnavailable ?? spec.minAvailable).toBeDefined();
    });

    it.each(apps)('%s: a NetworkPolicy governs its ingress', (app) => {
      const policies = ofKind('NetworkPolicy').filter((policy) => {
        const spec = isMap(policy.spec) ? policy.spec : {};
        return (
          selects(spec.podSelector, podLabels(app)) &&
          Array.isArray(spec.policyTypes) &&
          spec.policyTypes.includes('Ingress')
        );
      });
      expect(policies.length).toBeGreaterThan(0);
    });

    it('lets callers reach the gateway API and Prometheus every metrics port', () => {
      const allowedPorts = (app: string) =>
        ofKind('NetworkPolicy')
          .filter(
            (policy) => isMap(policy.spec) && selects(policy.spec.podSelector, podLabels(app)),
          )
          .flatMap((policy) =>
            ((policy.spec as YamlMap).ingress as YamlMap[]).flatMap((rule) =>
              (Array.isArray(rule.ports) ? rule.ports.filter(isMap) : []).map((port) =>
                scalar(port.port),
              ),
            ),
          );
      expect(allowedPorts('gateway')).toEqual(expect.arrayContaining(['http', 'metrics']));
      for (const app of appsWithMetrics) expect(allowedPorts(app)).toContain('metrics');
    });

    it.each(apps)(
      '%s: scrape annotations match its metrics port (and only if it has one)',
      (app) => {
        const metadata = mapAt(podTemplate(app).metadata, `${app} pod metadata`);
        const annotations = isMap(metadata.annotations) ? metadata.annotations : {};
        const spec = mapAt(podTemplate(app).spec, `${app} pod spec`);
        const container = (spec.containers as YamlMap[]).find((c) => c.name === app)!;
        const env = Object.fromEntries(
          ((container.env as YamlMap[] | undefined) ?? []).map((variable) => [
            scalar(variable.name),
            scalar(variable.value),
          ]),
        );
        const metricsPort = ((container.ports as YamlMap[] | undefined) ?? []).find(
          (port) => port.name === 'metrics',
        );
        if (!appsWithMetrics.includes(app)) {
          // Scraping a port nobody listens on would only fire ConduitServiceDown.
          expect(annotations['prometheus.io/scrape']).toBeUndefined();
          return;
        }
        const port = env[`${app.toUpperCase()}_METRICS_PORT`];
        expect({
          scrape: annotations['prometheus.io/scrape'],
          port: annotations['prometheus.io/port'],
          path: annotations['prometheus.io/path'],
          containerPort: scalar(metricsPort?.containerPort),
        }).toEqual({ scrape: 'true', port, path: '/metrics', containerPort: port });
      },
    );

    it('ships the alert rules as a copy of infra/prometheus/alerts.yml', () => {
      const rules = generatedFiles.filter(({ file }) => file.endsWith('alerts.yml'));
      expect(rules.map(({ file }) => file)).toEqual(['monitoring/alerts.yml']);
      expect(readRepoFile(`${K8S_MONITORING}/alerts.yml`)).toBe(readRepoFile(ALERTS));
    });

    it('ships every dashboard as a copy, labelled for the Grafana sidecar', () => {
      const shipped = generatedFiles.filter(({ file }) => file.endsWith('.json'));
      expect(shipped.map(({ file }) => file).sort()).toEqual(
        dashboardFiles.map((file) => `monitoring/dashboards/${file}`),
      );
      const stale = dashboardFiles.filter(
        (file) =>
          !existsSync(join(REPO_ROOT, K8S_MONITORING, 'dashboards', file)) ||
          readRepoFile(`${K8S_MONITORING}/dashboards/${file}`) !==
            readRepoFile(`${DASHBOARDS_DIR}/${file}`),
      );
      expect({ staleCopies: stale }).toEqual({ staleCopies: [] });
      for (const { options } of shipped) {
        expect(options.labels).toEqual({ grafana_dashboard: '1' });
      }
    });

    const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    (kubectl.error ? it.skip : it)('renders with `kubectl kustomize`', () => {
      const run = spawnSync('kubectl', ['kustomize', 'infra/k8s'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 16 * 1024 * 1024,
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout).toContain('kind: PodDisruptionBudget');
    });
  });
});
