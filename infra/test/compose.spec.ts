// Keeps docker-compose.yaml, infra/Dockerfile and infra/k8s in step with the apps: every app is
// built, configured only with variables its config schema knows, health-checked and deployable.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the infra test checks the apps' own config schemas
import { EmbeddingConfigSchema } from '../../apps/embedding/src/config/embedding-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the infra test checks the apps' own config schemas
import { GatewayConfigSchema } from '../../apps/gateway/src/config/gateway-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the infra test checks the apps' own config schemas
import { GuardrailsConfigSchema } from '../../apps/guardrails/src/config/guardrails-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the infra test checks the apps' own config schemas
import { LedgerConfigSchema } from '../../apps/ledger/src/config/ledger-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the infra test checks the apps' own config schemas
import { LlmConfigSchema } from '../../apps/llm/src/config/llm-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the infra test checks the apps' own config schemas
import { RetrievalConfigSchema } from '../../apps/retrieval/src/config/retrieval-config.schema';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the infra test checks the apps' own config schemas
import { loadConfig } from '../../libs/config/src';
import {
  dependsOn,
  dockerStages,
  hasHealthcheck,
  healthcheckCommand,
  interpolate,
  isMap,
  listApps,
  mapAt,
  publishedPorts,
  scalar,
  readRepoFile,
  readYaml,
  readYamlDocuments,
  REPO_ROOT,
  serviceEnvironment,
  type YamlMap,
} from './infra-files';

/** Each app's env schema. A new app must be added here (the first test says so). */
const CONFIG_SCHEMAS: Record<string, z.ZodObject> = {
  embedding: EmbeddingConfigSchema,
  gateway: GatewayConfigSchema,
  guardrails: GuardrailsConfigSchema,
  ledger: LedgerConfigSchema,
  llm: LlmConfigSchema,
  retrieval: RetrievalConfigSchema,
};

/** Services that may publish host ports: the HTTP edge and UIs. Anything else must scale. */
const MAY_PUBLISH_PORTS = ['gateway', 'jaeger', 'prometheus', 'grafana'];

/** `docker compose up` on a machine with no variables exported: every `${VAR:-default}` applies. */
const EMPTY_HOST_ENV: Record<string, string | undefined> = {};

const DOCKERFILE = 'infra/Dockerfile';
const apps = listApps();
const compose = mapAt(readYaml('docker-compose.yaml'), 'docker-compose.yaml');
const services = mapAt(compose.services, 'docker-compose.yaml services');
const serviceNames = Object.keys(services);
const stages = dockerStages(readRepoFile(DOCKERFILE));

function service(name: string): YamlMap {
  return mapAt(services[name], `docker-compose.yaml services.${name}`);
}

function schemaOf(app: string): z.ZodObject {
  const schema = CONFIG_SCHEMAS[app];
  if (!schema) {
    throw new Error(
      `apps/${app} has no entry in CONFIG_SCHEMAS of infra/test/compose.spec.ts: import its config schema there`,
    );
  }
  return schema;
}

/** Asserts `env` uses only the schema's variables and that the app would boot with it. */
function expectEnvAccepted(
  app: string,
  env: Record<string, string | undefined>,
  where: string,
): void {
  const known = Object.keys(schemaOf(app).shape);
  const unknown = Object.keys(env).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `${where} sets ${unknown.join(', ')}, which apps/${app} does not read ` +
        `(its config schema knows: ${known.join(', ')}). Add the variable to the schema first, or drop it.`,
    );
  }
  const defined = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  try {
    loadConfig(schemaOf(app), defined);
  } catch (error) {
    throw new Error(
      `apps/${app} would not boot with the env from ${where}:\n${(error as Error).message}`,
    );
  }
}

describe('apps', () => {
  it('are all known to this test', () => {
    expect(apps.length).toBeGreaterThan(0);
    const missing = apps.filter((app) => !(app in CONFIG_SCHEMAS));
    expect({ appsWithoutSchemaInThisTest: missing }).toEqual({ appsWithoutSchemaInThisTest: [] });
  });
});

describe('infra/Dockerfile', () => {
  it.each(apps)('has a final stage `%s` that runs the app', (app) => {
    const stage = stages.find((candidate) => candidate.name === app);
    if (!stage) {
      throw new Error(
        `${DOCKERFILE} has no \`FROM runtime-base AS ${app}\` stage ` +
          `(stages: ${stages.map((s) => s.name ?? s.base).join(', ')})`,
      );
    }
    const cmd = stage.lines.find((line) => /^CMD\s/i.test(line)) ?? '';
    expect({ stage: app, cmd }).toEqual({
      stage: app,
      cmd: expect.stringContaining(`dist/apps/${app}/src/main.js`) as unknown,
    });
  });
});

describe('docker-compose.yaml', () => {
  describe.each(apps)('service %s', (app) => {
    it('is built from infra/Dockerfile with its own target', () => {
      if (!(app in services)) {
        throw new Error(
          `docker-compose.yaml has no service \`${app}\` (services: ${serviceNames.join(', ')})`,
        );
      }
      const build = mapAt(service(app).build, `services.${app}.build`);
      const context = typeof build.context === 'string' ? build.context : '.';
      const dockerfile = typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
      expect({
        dockerfile: resolve(REPO_ROOT, context, dockerfile),
        target: build.target,
      }).toEqual({ dockerfile: join(REPO_ROOT, DOCKERFILE), target: app });
    });

    it("sets only variables its config schema reads, and the app's config loads", () => {
      const definition = service(app);
      if (definition.env_file !== undefined) {
        throw new Error(
          `services.${app} uses env_file, which this test cannot check: list variables under environment`,
        );
      }
      expectEnvAccepted(
        app,
        serviceEnvironment(definition, EMPTY_HOST_ENV),
        `services.${app}.environment`,
      );
    });

    it('points NATS_URL at the compose NATS service', () => {
      const natsUrl = serviceEnvironment(service(app), EMPTY_HOST_ENV).NATS_URL ?? '(unset)';
      const host = /^nats:\/\/([^:/,]+)/.exec(natsUrl)?.[1];
      expect({
        NATS_URL: natsUrl,
        isComposeService: host !== undefined && host in services,
      }).toEqual({
        NATS_URL: natsUrl,
        isComposeService: true,
      });
    });

    it('is health-checked with the right probe', () => {
      expect({ service: app, hasHealthcheck: hasHealthcheck(service(app)) }).toEqual({
        service: app,
        hasHealthcheck: true,
      });
      const command = healthcheckCommand(service(app));
      const expected =
        app === 'gateway' ? /http-health\.cjs/ : new RegExp(`nats-health\\.cjs ${app}$`);
      expect(command).toMatch(expected);
    });

    it('runs under an init process so SIGTERM reaches node', () => {
      expect({ service: app, init: service(app).init }).toEqual({ service: app, init: true });
    });
  });

  it('gives every long-running service a healthcheck', () => {
    const oneShot = new Set(
      serviceNames.flatMap((name) =>
        Object.entries(dependsOn(service(name)))
          .filter(([, condition]) => condition === 'service_completed_successfully')
          .map(([dependency]) => dependency),
      ),
    );
    const unchecked = serviceNames.filter(
      (name) => !oneShot.has(name) && !hasHealthcheck(service(name)),
    );
    expect({ servicesWithoutHealthcheck: unchecked }).toEqual({ servicesWithoutHealthcheck: [] });
  });

  it('only depends on services that exist, and waits for health only where there is a check', () => {
    const problems = serviceNames.flatMap((name) =>
      Object.entries(dependsOn(service(name))).flatMap(([dependency, condition]) => {
        if (!(dependency in services)) return [`${name} depends on unknown service ${dependency}`];
        if (condition === 'service_healthy' && !hasHealthcheck(service(dependency))) {
          return [
            `${name} waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`,
          ];
        }
        return [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('publishes the gateway on 8080', () => {
    const ports = publishedPorts(service('gateway'), EMPTY_HOST_ENV);
    expect(ports).toContainEqual({ hostPort: '8080', containerPort: '8080' });
  });

  it('keeps services scalable: no container_name, host ports only on the edge and UIs', () => {
    const problems = serviceNames.flatMap((name) => {
      const definition = service(name);
      const found: string[] = [];
      if (definition.container_name !== undefined) found.push(`${name} sets container_name`);
      if (
        !MAY_PUBLISH_PORTS.includes(name) &&
        publishedPorts(definition, EMPTY_HOST_ENV).length > 0
      ) {
        found.push(`${name} publishes host ports (use expose, or reach it on the compose network)`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('mounts config files and runs healthcheck scripts that exist', () => {
    const missing = serviceNames.flatMap((name) => {
      const definition = service(name);
      const mounts = (Array.isArray(definition.volumes) ? definition.volumes : [])
        .filter((volume): volume is string => typeof volume === 'string' && volume.startsWith('./'))
        .map((volume) => interpolate(volume.split(':')[0], EMPTY_HOST_ENV));
      const scripts = [
        ...healthcheckCommand(definition).matchAll(/\/app\/(infra\/healthcheck\/\S+)/g),
      ].map((match) => match[1]);
      return [...mounts, ...scripts]
        .filter((path) => !existsSync(join(REPO_ROOT, path)))
        .map((path) => `${name}: ${path}`);
    });
    expect({ missingFiles: missing }).toEqual({ missingFiles: [] });
  });
});

describe('infra/k8s', () => {
  const KUSTOMIZATION = 'infra/k8s/kustomization.yaml';
  const kustomization = mapAt(readYaml(KUSTOMIZATION), KUSTOMIZATION);
  const resources = Array.isArray(kustomization.resources)
    ? kustomization.resources.map(scalar)
    : [];
  const objects = resources.flatMap((file) => {
    const path = join('infra/k8s', file);
    if (!existsSync(join(REPO_ROOT, path)))
      throw new Error(`${KUSTOMIZATION} lists ${file}, which does not exist`);
    return readYamlDocuments(path)
      .filter(isMap)
      .map((object) => ({ file: path, object }));
  });
  const ofKind = (kind: string) => objects.filter(({ object }) => object.kind === kind);
  const nameOf = (object: YamlMap) => (isMap(object.metadata) ? object.metadata.name : undefined);
  const generatedEnv: Record<string, Record<string, string>> = Object.fromEntries(
    (Array.isArray(kustomization.configMapGenerator) ? kustomization.configMapGenerator : [])
      .filter(isMap)
      .map((generator) => [
        scalar(generator.name),
        Object.fromEntries(
          (Array.isArray(generator.literals) ? generator.literals : []).map((literal) => {
            const text = scalar(literal);
            return [text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1)];
          }),
        ),
      ]),
  );

  function deploymentOf(app: string): { file: string; object: YamlMap } {
    const found = ofKind('Deployment').find(({ object }) => nameOf(object) === app);
    if (!found) {
      throw new Error(
        `${KUSTOMIZATION} lists no Deployment named ${app} ` +
          `(Deployments: ${
            ofKind('Deployment')
              .map(({ object }) => scalar(nameOf(object)))
              .join(', ') || 'none'
          })`,
      );
    }
    return found;
  }

  function containerOf(app: string): YamlMap {
    const { file, object } = deploymentOf(app);
    const spec = mapAt(
      mapAt(mapAt(object.spec, `${file} spec`).template, `${file} template`).spec,
      `${file} pod`,
    );
    const containers = Array.isArray(spec.containers) ? spec.containers.filter(isMap) : [];
    const container = containers.find((candidate) => candidate.name === app) ?? containers[0];
    return mapAt(container, `${file}: the ${app} container`);
  }

  describe.each(apps)('app %s', (app) => {
    it('has a Deployment running its image', () => {
      expect(scalar(containerOf(app).image)).toMatch(new RegExp(`(^|/)${app}(:|$)`));
    });

    it('has readiness and liveness probes', () => {
      const container = containerOf(app);
      expect({
        app,
        readiness: isMap(container.readinessProbe),
        liveness: isMap(container.livenessProbe),
      }).toEqual({
        app,
        readiness: true,
        liveness: true,
      });
    });

    it('has a HorizontalPodAutoscaler scaling its Deployment', () => {
      const targets = ofKind('HorizontalPodAutoscaler').map(({ object }) =>
        isMap(object.spec) && isMap(object.spec.scaleTargetRef) ? object.spec.scaleTargetRef : {},
      );
      expect(targets).toContainEqual(expect.objectContaining({ kind: 'Deployment', name: app }));
    });

    it("sets only variables its config schema reads, and the app's config loads", () => {
      const container = containerOf(app);
      const fromConfigMaps = (Array.isArray(container.envFrom) ? container.envFrom : [])
        .filter(isMap)
        .map((source) => (isMap(source.configMapRef) ? scalar(source.configMapRef.name) : ''))
        .map((name) => generatedEnv[name] ?? {});
      const direct = (Array.isArray(container.env) ? container.env : [])
        .filter(isMap)
        .map((variable) => ({
          [scalar(variable.name)]: variable.value === undefined ? '' : scalar(variable.value),
        }));
      expectEnvAccepted(
        app,
        Object.assign({}, ...fromConfigMaps, ...direct) as Record<string, string>,
        `${deploymentOf(app).file}`,
      );
    });
  });

  it('exposes the gateway through a Service', () => {
    expect(ofKind('Service').map(({ object }) => nameOf(object))).toContain('gateway');
  });
});
