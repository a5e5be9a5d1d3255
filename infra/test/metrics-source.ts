// What the code exports to Prometheus, read from its source, and what a PromQL expression
// asks for: enough to tell a dashboard or an alert that names a metric nobody exports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { REPO_ROOT } from './infra-files';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

export interface ExportedMetric {
  /** The name as registered (prom-client) or as the OTel Prometheus exporter writes it. */
  name: string;
  type: MetricType;
  /** Label names, or null when the source does not say them plainly (not checked then). */
  labels: string[] | null;
  /** Repo-relative file, or `prom-client default metrics`. */
  source: string;
}

/** Labels Prometheus or every Conduit process adds to any series. */
export const AMBIENT_LABELS = ['service', 'job', 'instance'];

/** Series Prometheus makes itself; their labels are not checked. */
export const PROMETHEUS_SERIES = ['up', 'ALERTS', 'ALERTS_FOR_STATE'];

/** Labels that would make a series per key, user or request: never a metric label. */
export const HIGH_CARDINALITY_LABELS = [
  'key',
  'key_id',
  'api_key',
  'key_prefix',
  'user',
  'user_id',
  'end_user',
  'request_id',
  'trace_id',
  'prompt',
];

const SOURCE_ROOTS = ['apps', 'libs'];

function isProductionSource(path: string): boolean {
  return (
    path.endsWith('.ts') &&
    !path.endsWith('.d.ts') &&
    !/\.(spec|int-spec|e2e-spec|test)\.ts$/.test(path) &&
    !/[\\/](test|tests|__tests__|testing)[\\/]/.test(relative(REPO_ROOT, path))
  );
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(path, out);
    } else if (isProductionSource(path)) out.push(path);
  }
}

/** `apps/<app>/src` and `libs/<lib>/src`, production files only (no specs, no test helpers). */
export function productionSources(): string[] {
  const files: string[] = [];
  for (const root of SOURCE_ROOTS) {
    const rootDir = join(REPO_ROOT, root);
    for (const project of readdirSync(rootDir)) {
      const src = join(rootDir, project, 'src');
      try {
        if (statSync(src).isDirectory()) walk(src, files);
      } catch {
        // a project without src/
      }
    }
  }
  return files.sort();
}

/** The text of the call's argument list starting at `open` (an opening parenthesis). */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const char = text[i];
    if (char === '(' || char === '{' || char === '[') depth += 1;
    else if (char === ')' || char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return text.slice(open + 1);
}

const STRING = /'([^'\\]*)'|"([^"\\]*)"|`([^`\\$]*)`/g;

function strings(text: string): string[] {
  return [...text.matchAll(STRING)].map((match) => match[1] ?? match[2] ?? match[3]);
}

/** A `labelNames` value: a literal array, a `const` array of the same file, or spreads of them. */
function resolveLabelList(expression: string, fileText: string, depth = 0): string[] | null {
  const trimmed = expression.trim().replace(/\s+as\s+const$/, '');
  if (depth > 3) return null;
  const array = /^\[([\s\S]*)\]$/.exec(trimmed);
  if (array) {
    const labels: string[] = [];
    for (const part of array[1].split(',')) {
      const item = part.trim();
      if (item === '') continue;
      const spread = /^\.\.\.([A-Za-z_$][\w$]*)$/.exec(item);
      if (spread) {
        const resolved = resolveLabelList(spread[1], fileText, depth + 1);
        if (!resolved) return null;
        labels.push(...resolved);
      } else if (/^(['"`]).*\1$/.test(item)) labels.push(...strings(item));
      else return null;
    }
    return labels;
  }
  if (/^[A-Za-z_$][\w$]*$/.test(trimmed)) {
    const declaration = new RegExp(
      `(?:const|let)\\s+${trimmed}\\b[^=]*=\\s*(\\[[\\s\\S]*?\\])(?:\\s+as\\s+const)?\\s*;`,
    ).exec(fileText);
    return declaration ? resolveLabelList(declaration[1], fileText, depth + 1) : null;
  }
  return null;
}

/** The value of `key:` at the top level of an object literal's text, up to the next comma. */
function propertyExpression(objectText: string, key: string): string | null {
  const match = new RegExp(`(?:^|[,{\\s])${key}\\s*:\\s*`).exec(objectText);
  if (!match) return null;
  const start = match.index + match[0].length;
  let depth = 0;
  for (let i = start; i < objectText.length; i += 1) {
    const char = objectText[i];
    if (char === '(' || char === '[' || char === '{') depth += 1;
    else if (char === ')' || char === ']' || char === '}') {
      if (depth === 0) return objectText.slice(start, i);
      depth -= 1;
    } else if (char === ',' && depth === 0) return objectText.slice(start, i);
  }
  return objectText.slice(start);
}

const PROM_CLIENT =
  /\bnew\s+(?:[A-Za-z_$][\w$]*\.)?(Counter|Gauge|Histogram|Summary)\s*(?:<[^>()]*>)?\s*\(/g;

const OTEL =
  /\.create(Counter|UpDownCounter|Histogram|Gauge|ObservableCounter|ObservableUpDownCounter|ObservableGauge)\s*\(/g;

/**
 * OTel units as the Prometheus exporters spell them (OTel's Prometheus compatibility rules):
 * `s` becomes `_seconds`, annotations such as `{token}` add nothing.
 */
const OTEL_UNITS: Record<string, string> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  '1': 'ratio',
  '%': 'percent',
};

function otelNames(name: string, unitExpr: string | null, kind: string): string[] {
  const base = name.replace(/[^A-Za-z0-9_:]/g, '_');
  const unit = unitExpr ? strings(unitExpr)[0] : undefined;
  const unitSuffix =
    unit === undefined || unit.startsWith('{')
      ? ''
      : (OTEL_UNITS[unit] ?? unit.replace(/\W/g, '_'));
  const withUnit = unitSuffix && !base.endsWith(`_${unitSuffix}`) ? `${base}_${unitSuffix}` : base;
  const isCounter = /Counter$/.test(kind) && !/UpDown/.test(kind);
  // Exporters differ on whether they append the unit: accept both spellings.
  return [...new Set([withUnit, base])].map((candidate) =>
    isCounter && !candidate.endsWith('_total') ? `${candidate}_total` : candidate,
  );
}

/** Metrics registered in one source file's text (prom-client constructors, OTel instruments). */
export function metricsInSource(text: string, source: string): ExportedMetric[] {
  const found: ExportedMetric[] = [];
  for (const match of text.matchAll(PROM_CLIENT)) {
    const args = argumentsAt(text, match.index + match[0].length - 1);
    const nameExpr = propertyExpression(args, 'name');
    const name = nameExpr ? strings(nameExpr)[0] : undefined;
    if (!name) continue;
    const labelExpr = propertyExpression(args, 'labelNames');
    found.push({
      name,
      type: match[1].toLowerCase() as MetricType,
      labels: labelExpr === null ? [] : resolveLabelList(labelExpr, text),
      source,
    });
  }
  for (const match of text.matchAll(OTEL)) {
    const args = argumentsAt(text, match.index + match[0].length - 1);
    const name = /^\s*(['"`])([^'"`]+)\1/.exec(args)?.[2];
    if (!name) continue;
    const kind = match[1];
    const type: MetricType = /Histogram/.test(kind)
      ? 'histogram'
      : /Gauge|UpDown/.test(kind)
        ? 'gauge'
        : 'counter';
    for (const candidate of otelNames(name, propertyExpression(args, 'unit'), kind)) {
      // OTel attributes are set per measurement, not declared: labels unknown.
      found.push({ name: candidate, type, labels: null, source });
    }
  }
  return found;
}

/** Node process metrics prom-client's collectDefaultMetrics registers, asked of prom-client. */
async function defaultMetrics(): Promise<ExportedMetric[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = await registry.getMetricsAsJSON();
  registry.clear();
  return metrics.map((metric) => ({
    name: metric.name,
    type: String(metric.type) as MetricType,
    labels: null,
    source: 'prom-client default metrics',
  }));
}

/** Every metric the apps and libs register, with prom-client's defaults when a process collects them. */
export async function exportedMetrics(): Promise<ExportedMetric[]> {
  const metrics: ExportedMetric[] = [];
  let collectsDefaults = false;
  for (const file of productionSources()) {
    const text = readFileSync(file, 'utf8');
    metrics.push(...metricsInSource(text, relative(REPO_ROOT, file)));
    if (/\b(collectDefaultMetrics|collectProcessMetrics)\s*\(/.test(text)) collectsDefaults = true;
  }
  if (collectsDefaults) metrics.push(...(await defaultMetrics()));
  return metrics;
}

/** The series names a metric appears under in the exposition format. */
export function seriesNames(metric: ExportedMetric): string[] {
  switch (metric.type) {
    case 'histogram':
      return [`${metric.name}_bucket`, `${metric.name}_sum`, `${metric.name}_count`];
    case 'summary':
      return [metric.name, `${metric.name}_sum`, `${metric.name}_count`];
    default:
      return [metric.name];
  }
}

/** Series name -> the metric behind it. */
export function seriesIndex(metrics: ExportedMetric[]): Map<string, ExportedMetric> {
  const index = new Map<string, ExportedMetric>();
  for (const metric of metrics) for (const series of seriesNames(metric)) index.set(series, metric);
  return index;
}

// ---------------------------------------------------------------- PromQL

const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'atan2',
  'inf',
  'nan',
]);

export interface PromqlUse {
  metric: string;
  /** Label names in the selector's matchers. */
  matchers: string[];
}

export interface PromqlReading {
  selectors: PromqlUse[];
  /** Label names in `by (…)`, `without (…)`, `on (…)`, `ignoring (…)`, `group_*(…)`. */
  groupingLabels: string[];
}

/** Grafana's `$var`, `${var}`, `$__rate_interval`… as something PromQL would parse. */
export function withoutGrafanaVariables(expr: string): string {
  return expr
    .replace(/\[\$\{?__\w+\}?\]/g, '[5m]')
    .replace(/\$\{?__\w+\}?/g, '5m')
    .replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, 'x');
}

/** Metric selectors and grouping labels of a PromQL expression (no parser: a careful scan). */
export function readPromql(rawExpr: string): PromqlReading {
  let expr = withoutGrafanaVariables(rawExpr)
    .replace(/#[^\n]*/g, '')
    // string literals (matcher values, label_replace arguments) say nothing about metric names
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    // range and subquery selectors, durations after offset
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\boffset\s+-?[\dsmhdwy]+/g, '');
  const groupingLabels: string[] = [];
  expr = expr.replace(
    /\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g,
    (_match, _keyword, labels: string) => {
      groupingLabels.push(
        ...labels
          .split(',')
          .map((label) => label.trim())
          .filter(Boolean),
      );
      return ' ';
    },
  );
  const selectors: PromqlUse[] = [];
  const pattern = /([A-Za-z_:][\w:]*)?\s*(\{[^}]*\})?(\s*\()?/g;
  for (const match of expr.matchAll(pattern)) {
    const [whole, name, braces, call] = match;
    if (whole.trim() === '') continue;
    const preceding = expr.slice(0, match.index);
    // part of a number (1e6, 0.99) or a duration
    if (name && /[\d.]$/.test(preceding)) continue;
    if (name && (call || KEYWORDS.has(name.toLowerCase()))) continue;
    const matchers = braces
      ? [...braces.matchAll(/([A-Za-z_][\w]*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1])
      : [];
    if (name || braces) selectors.push({ metric: name ?? '', matchers });
  }
  return { selectors, groupingLabels };
}
