import { CommonConfigSchema, envInt } from '@conduit/config';
import { z } from 'zod';

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** Every environment variable the llm service reads. */
export const LlmConfigSchema = CommonConfigSchema.extend({
  /** Key for the OpenAI-compatible provider; not needed by servers without auth (Ollama, vLLM). */
  OPENAI_API_KEY: z.string().optional(),
  /** Any OpenAI-compatible server: https://api.openai.com/v1, http://vllm:8000/v1, http://ollama:11434/v1 … */
  OPENAI_BASE_URL: z.url().optional(),
  /** Upstream model ids to expose, comma-separated; each becomes `<OPENAI_PROVIDER_NAME>/<id>`. */
  OPENAI_MODELS: commaList,
  /** Name under which those models are listed (e.g. `ollama`, `vllm`). */
  OPENAI_PROVIDER_NAME: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and - only')
    .default('openai'),
  /** Total time allowed for one upstream call, streaming included. */
  LLM_PROVIDER_TIMEOUT_MS: envInt(600_000),
  /** Pause between streamed tokens of `local/echo` (0 = as fast as possible); handy for demos. */
  LOCAL_ECHO_TOKEN_DELAY_MS: envInt(0),
}).superRefine((config, ctx) => {
  const openaiConfigured =
    config.OPENAI_API_KEY !== undefined || config.OPENAI_BASE_URL !== undefined;
  if (openaiConfigured && config.OPENAI_MODELS.length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENAI_MODELS'],
      message:
        'list the upstream models to expose (e.g. gpt-4o-mini,gpt-4o) when OPENAI_API_KEY or OPENAI_BASE_URL is set',
    });
  }
  if (config.OPENAI_MODELS.length > 0 && !openaiConfigured) {
    ctx.addIssue({
      code: 'custom',
      path: ['OPENAI_MODELS'],
      message:
        'set OPENAI_API_KEY (api.openai.com) or OPENAI_BASE_URL (a self-hosted server) to serve these models',
    });
  }
});
export type LlmConfig = z.output<typeof LlmConfigSchema>;
