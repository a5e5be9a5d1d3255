// Readers for the deployment files the infra tests check: just enough of Compose's and
// Dockerfile's rules to compare them with the apps, with errors that name the file and key.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const REPO_ROOT = join(__dirname, '..', '..');

export type YamlMap = Record<string, unknown>;

export function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mapAt(value: unknown, where: string): YamlMap {
  if (!isMap(value)) throw new Error(`${where} must be a mapping, got ${JSON.stringify(value)}`);
  return value;
}

/** A YAML scalar as the string Compose and Kubernetes see (`8080` and `'8080'` alike). */
export function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

/** Apps are the folders of apps/ that are Nx projects. */
export function listApps(): string[] {
  const appsDir = join(REPO_ROOT, 'apps');
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(appsDir, entry.name, 'project.json')))
    .map((entry) => entry.name)
    .sort();
}

export function readRepoFile(relativePath: string): string {
  return readFileSync(join(REPO_ROOT, relativePath), 'utf8');
}

/** A YAML file with merge keys (`<<: *anchor`) resolved, as Compose reads it. */
export function readYaml(relativePath: string): unknown {
  return parse(readRepoFile(relativePath), { merge: true }) as unknown;
}

export function readYamlDocuments(relativePath: string): unknown[] {
  return parseAllDocuments(readRepoFile(relativePath), { merge: true }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${relativePath}: ${doc.errors[0].message}`);
    return doc.toJS() as unknown;
  });
}

// ---------------------------------------------------------------- Compose

/**
 * Compose's `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR:+alt}`, `$VAR`
 * and `$$`, against the given host environment.
 */
export function interpolate(value: string, hostEnv: Record<string, string | undefined>): string {
  const pattern =
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  return value.replace(
    pattern,
    (match, braced?: string, operator?: string, operand?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare)!;
      const current = hostEnv[name];
      const isSet = operator?.startsWith(':')
        ? current !== undefined && current !== ''
        : current !== undefined;
      const resolvedOperand = () => interpolate(operand ?? '', hostEnv);
      switch (operator?.replace(':', '')) {
        case '-':
          return isSet ? current! : resolvedOperand();
        case '?':
          if (!isSet) throw new Error(`\${${name}} is required: ${resolvedOperand() || 'not set'}`);
          return current!;
        case '+':
          return isSet ? resolvedOperand() : '';
        default:
          return current ?? '';
      }
    },
  );
}

/**
 * A service's `environment` (mapping or `KEY=VALUE` list) as the container sees it; a variable
 * without a value is passed through from the host, so it is unset when the host lacks it.
 */
export function serviceEnvironment(
  service: YamlMap,
  hostEnv: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const raw = service.environment;
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((item) => {
        const text = scalar(item);
        const eq = text.indexOf('=');
        return eq === -1 ? [text, null] : [text.slice(0, eq), text.slice(eq + 1)];
      })
    : Object.entries(raw === undefined || raw === null ? {} : mapAt(raw, 'environment'));
  return Object.fromEntries(
    entries.map(([name, value]) => [
      name,
      value === null || value === undefined ? hostEnv[name] : interpolate(scalar(value), hostEnv),
    ]),
  );
}

/** `depends_on` as name -> condition, from either its list or its mapping form. */
export function dependsOn(service: YamlMap): Record<string, string> {
  const raw = service.depends_on;
  if (raw === undefined || raw === null) return {};
  if (Array.isArray(raw))
    return Object.fromEntries(raw.map((name) => [scalar(name), 'service_started']));
  return Object.fromEntries(
    Object.entries(mapAt(raw, 'depends_on')).map(([name, spec]) => [
      name,
      isMap(spec) && typeof spec.condition === 'string' ? spec.condition : 'service_started',
    ]),
  );
}

export interface PublishedPort {
  hostPort: string | undefined;
  containerPort: string;
}

/** `ports` entries, short (`[ip:]host:container[/proto]`) or long syntax. */
export function publishedPorts(
  service: YamlMap,
  hostEnv: Record<string, string | undefined>,
): PublishedPort[] {
  const raw = service.ports;
  if (!Array.isArray(raw)) return [];
  return raw.map((entry) => {
    if (isMap(entry)) {
      return {
        hostPort:
          entry.published === undefined ? undefined : interpolate(scalar(entry.published), hostEnv),
        containerPort: interpolate(scalar(entry.target), hostEnv),
      };
    }
    const parts = interpolate(scalar(entry), hostEnv)
      .replace(/\/\w+$/, '')
      .split(':');
    const containerPort = parts.pop()!;
    return { hostPort: parts.pop(), containerPort };
  });
}

/** Whether the service has a healthcheck that is not switched off. */
export function hasHealthcheck(service: YamlMap): boolean {
  const check = service.healthcheck;
  if (!isMap(check) || check.disable === true) return false;
  const test = check.test;
  if (Array.isArray(test)) return test.length > 0 && test[0] !== 'NONE';
  return typeof test === 'string' && test.trim() !== '';
}

export function healthcheckCommand(service: YamlMap): string {
  const check = isMap(service.healthcheck) ? service.healthcheck.test : undefined;
  return Array.isArray(check)
    ? check.map(scalar).join(' ')
    : check === undefined
      ? ''
      : scalar(check);
}

// ---------------------------------------------------------------- Dockerfile

export interface DockerStage {
  name: string | undefined;
  base: string;
  lines: string[];
}

/** The Dockerfile's stages (`FROM <base> [AS <name>]`) with their instruction lines. */
export function dockerStages(dockerfile: string): DockerStage[] {
  const stages: DockerStage[] = [];
  const logicalLines = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of logicalLines) {
    const from = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (from) stages.push({ base: from[1], name: from[2], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}
