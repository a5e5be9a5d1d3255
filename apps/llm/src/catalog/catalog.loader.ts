import { ConfigError } from '@conduit/config';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { LlmConfig } from '../config/llm-config.schema';
import { priceInEffect } from '@conduit/catalog';
import type { CatalogDefinition } from './catalog-definition';
import { CatalogFileSchema } from './catalog-file.schema';
import { catalogFromEnv } from './catalog-from-env';
import { catalogFromFile } from './catalog-from-file';

export type ProviderEnv = Readonly<Record<string, string | undefined>>;

/**
 * The catalog the llm service serves: the file named by LLM_CATALOG_FILE (YAML or JSON), or,
 * without one, the models the environment lists. Any problem stops the boot with every
 * problem named, so a typo never becomes a model that silently is not there.
 */
export function loadCatalog(config: LlmConfig, env: ProviderEnv): CatalogDefinition {
  const { catalog, problems } = config.LLM_CATALOG_FILE
    ? catalogFromFileAt(config.LLM_CATALOG_FILE, env, config.LLM_PROVIDER_TIMEOUT_MS)
    : catalogFromEnv(config);
  const now = new Date();
  for (const model of catalog.models) {
    if (model.prices.length > 0 && !priceInEffect(model.id, model.prices, now)) {
      problems.push(
        `${model.id}: no price is in effect yet: give it one with an effective_from of today or earlier`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return catalog;
}

function catalogFromFileAt(
  path: string,
  env: ProviderEnv,
  totalTimeoutMs: number,
): { catalog: CatalogDefinition; problems: string[] } {
  const where = `LLM_CATALOG_FILE=${path}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`${where}: cannot be read: ${(error as Error).message}`]);
  }
  let raw: unknown;
  try {
    // YAML 1.2 is a superset of JSON, so one parser reads both.
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError([`${where}: is not valid YAML or JSON: ${(error as Error).message}`]);
  }
  const parsed = CatalogFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${where}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
      ),
    );
  }
  const result = catalogFromFile(parsed.data, env, totalTimeoutMs);
  return { ...result, problems: result.problems.map((problem) => `${where}: ${problem}`) };
}
