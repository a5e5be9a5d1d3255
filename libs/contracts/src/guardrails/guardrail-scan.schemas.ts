import { z } from 'zod';
import { ChatMessageSchema } from '../chat/chat-message.schema';
import { ResponseFormatSchema } from '../chat/chat-request.schema';
import { GuardrailPolicySchema } from './guardrail-policy.schema';

export const GUARDRAIL_SCANNERS = [
  'prompt_injection',
  'secrets',
  'pii',
  'invisible_text',
  'output_pii',
  'output_secrets',
  'system_prompt_leak',
  'json_schema',
] as const;
export const GuardrailScannerSchema = z.enum(GUARDRAIL_SCANNERS);
export type GuardrailScanner = z.infer<typeof GuardrailScannerSchema>;

export const GUARDRAIL_ACTIONS = ['flagged', 'redacted', 'blocked'] as const;
export type GuardrailAction = (typeof GUARDRAIL_ACTIONS)[number];

/**
 * One finding as it leaves the guardrails service. `reason` never holds the matched value;
 * offsets point into the scanned text (for `/v1/guardrails/check`), `message` names the
 * chat message it was found in.
 */
export const GuardrailFindingSchema = z.object({
  scanner: GuardrailScannerSchema,
  kind: z.string(),
  action: z.enum(GUARDRAIL_ACTIONS),
  reason: z.string(),
  score: z.number().min(0).max(1),
  message: z.int().nonnegative().nullable(),
  start: z.int().nonnegative().nullable(),
  end: z.int().nonnegative().nullable(),
});
export type GuardrailFinding = z.infer<typeof GuardrailFindingSchema>;

/** Which scanner refused, and why, in words safe to show the caller. */
export const GuardrailBlockSchema = z.object({
  scanner: GuardrailScannerSchema,
  reason: z.string(),
});
export type GuardrailBlock = z.infer<typeof GuardrailBlockSchema>;

/** A placeholder the input scan put in place of a value, for restoring it in the answer. */
export const PlaceholderSchema = z.object({
  placeholder: z.string().min(3),
  original: z.string(),
  kind: z.string(),
});
export type Placeholder = z.infer<typeof PlaceholderSchema>;

/** `guardrails.v1.input.scan`: the request's messages under the key's policy (null: default). */
export const InputScanRequestSchema = z.object({
  requestId: z.string().min(1),
  policy: GuardrailPolicySchema.nullable(),
  messages: z.array(ChatMessageSchema),
});
export type InputScanRequest = z.infer<typeof InputScanRequestSchema>;

export const InputScanResultSchema = z.object({
  blocked: GuardrailBlockSchema.nullable(),
  /** The messages to send to the model; null when nothing was changed. */
  messages: z.array(ChatMessageSchema).nullable(),
  findings: z.array(GuardrailFindingSchema),
  /** Only when the policy restores: what to put back into the answer. */
  placeholders: z.array(PlaceholderSchema),
  /** The token added to the system prompt to spot a leak of it; null when none was added. */
  canary: z.string().nullable(),
  /** Whether the answer must go through `guardrails.v1.output.scan` (some output check is on). */
  scanOutput: z.boolean(),
  /**
   * What the answer's screening depends on besides the request (the resolved policy and the
   * scanners' version): equal fingerprints, bodies and no placeholders mean an equal screened
   * answer. Absent from older guardrails replicas.
   */
  answerFingerprint: z.string().optional(),
});
export type InputScanResult = z.infer<typeof InputScanResultSchema>;

/**
 * `guardrails.v1.output.scan`: answer text under the policy. For a stream the gateway sends the
 * text not yet released (what it held back plus what arrived since); the reply says what may be
 * released now and how many trailing characters to keep holding, so a value split across
 * chunks is still seen whole. The service keeps no state between calls.
 */
export const OutputScanRequestSchema = z.object({
  requestId: z.string().min(1),
  policy: GuardrailPolicySchema.nullable(),
  text: z.string(),
  /** The whole answer, or its last window: nothing is held back. */
  final: z.boolean(),
  systemPrompt: z.string().nullable(),
  canary: z.string().nullable(),
  placeholders: z.array(PlaceholderSchema),
  responseFormat: ResponseFormatSchema.nullable(),
  /**
   * The whole answer, on the final window of a stream whose response format is JSON: the
   * schema check needs all of it. Null otherwise (then `text` is the whole answer when final).
   * Also the answer so far when a session is reopened (`openSession`) mid-stream.
   */
  answer: z.string().nullable(),
  /**
   * A stream's first window: keep a scanning session for it on the replica that answers, so
   * later windows send only their new text (`guardrails.v1.output.session.scan`) — the held
   * tail, system prompt and placeholders stay there. The reply's `session` names the replica.
   */
  openSession: z.boolean().optional(),
  /** Which choice of the answer this text belongs to (a session is per choice and part). */
  choice: z.int().nonnegative().optional(),
  /**
   * Set when the text is the `function.arguments` of the choice's tool call with this index,
   * not its content: JSON, so values are redacted inside its strings, and no `response_format`
   * check applies. A stream's tool call has its own session.
   */
  toolCall: z.int().nonnegative().optional(),
});
export type OutputScanRequest = z.infer<typeof OutputScanRequestSchema>;

/**
 * `guardrails.v1.output.session.scan`, sent to the replica named by the session (see
 * `openSession`): only the text that arrived since the last window. The replica scans it with
 * what it still holds and answers as `guardrails.v1.output.scan` does; the session ends with
 * the final window or a block, or when idle for long. `session_not_found` (404) means the
 * caller must start over with a stateless scan of everything it holds.
 */
export const OutputSessionScanRequestSchema = z.object({
  requestId: z.string().min(1),
  choice: z.int().nonnegative(),
  /** The tool call whose arguments these are, as in `OutputScanRequest.toolCall`. */
  toolCall: z.int().nonnegative().optional(),
  text: z.string(),
  final: z.boolean(),
});
export type OutputSessionScanRequest = z.infer<typeof OutputSessionScanRequestSchema>;

/**
 * One change the scan made to the released text: `[start, end)` of the scanned text (offsets
 * into the request's `text`; in a session, into the held tail plus the new text, which is what
 * the gateway still holds) became `text`. Applied in order to the released part of the scanned
 * text they give `release`, so the gateway can tell which streamed chunks changed and keep the
 * others (and their per-token fields, such as logprobs) as the model sent them.
 */
export const OutputEditSchema = z.object({
  start: z.int().nonnegative(),
  end: z.int().nonnegative(),
  text: z.string(),
});
export type OutputEdit = z.infer<typeof OutputEditSchema>;

export const OutputScanResultSchema = z.object({
  blocked: GuardrailBlockSchema.nullable(),
  /** Text to give the caller now (redacted, placeholders restored). */
  release: z.string(),
  /** How `release` differs from the scanned text's released part, sorted, not overlapping. */
  edits: z.array(OutputEditSchema).optional(),
  /** How many trailing characters of the request's `text` are held back for the next window. */
  held: z.int().nonnegative(),
  findings: z.array(GuardrailFindingSchema),
  /** The replica keeping this stream's scanning session, when one was opened. */
  session: z.string().min(1).nullable().optional(),
});
export type OutputScanResult = z.infer<typeof OutputScanResultSchema>;
