import { loadConfig } from '@conduit/config';
import type { OutputScanRequest, OutputScanResult } from '@conduit/contracts';
import { GuardrailsConfigSchema } from '../config/guardrails-config.schema';
import { PolicyResolver } from '../policy/policy-resolver';
import { applyEdits } from './redaction-edits';
import { OutputScanService } from './output-scan.service';

const config = loadConfig(GuardrailsConfigSchema, { NATS_URL: 'nats://127.0.0.1:4222' });
const service = new OutputScanService(new PolicyResolver(config), config);

const scan = (text: string, extra: Partial<OutputScanRequest> = {}): OutputScanResult =>
  service.scan({
    requestId: 'r',
    policy: null,
    text,
    final: true,
    systemPrompt: null,
    canary: null,
    placeholders: [],
    responseFormat: null,
    answer: null,
    ...extra,
  });

const ROUTING_SCHEMA = {
  type: 'json_schema' as const,
  json_schema: {
    name: 'route',
    schema: {
      type: 'object',
      properties: {
        queue: { type: 'string', enum: ['billing@example.com', 'support@example.com'] },
        customer: { type: 'string' },
      },
      required: ['queue', 'customer'],
    },
  },
};

describe('OutputScanService', () => {
  it('redacts a JSON answer inside its strings: it stays JSON', () => {
    const answer = '{"customer": "jane.doe@example.org", "card": 4111111111111111}';
    const result = scan(answer, { responseFormat: { type: 'json_object' } });
    expect(JSON.parse(result.release)).toEqual({
      customer: '[REDACTED_EMAIL]',
      card: '[REDACTED_CREDIT_CARD]',
    });
  });

  it('leaves a value the schema lists itself (an enum value), redacts the others', () => {
    const answer = '{"queue": "billing@example.com", "customer": "jane.doe@example.org"}';
    const result = scan(answer, { responseFormat: ROUTING_SCHEMA });
    expect(JSON.parse(result.release)).toEqual({
      queue: 'billing@example.com',
      customer: '[REDACTED_EMAIL]',
    });
    expect(result.findings.filter((finding) => finding.scanner === 'json_schema')).toEqual([]);
    expect(result.findings.filter((finding) => finding.scanner === 'output_pii')).toHaveLength(1);
  });

  it('scans tool-call arguments as JSON, without the response format check', () => {
    const args = '{"to": "jane.doe@example.org", "subject": "Hi"}';
    const result = scan(args, { toolCall: 0, responseFormat: ROUTING_SCHEMA });
    expect(JSON.parse(result.release)).toEqual({ to: '[REDACTED_EMAIL]', subject: 'Hi' });
    expect(result.findings.map((finding) => finding.scanner)).toEqual(['output_pii']);
  });

  it('says what it changed: the edits turn the released text into the release', () => {
    const text = `Mail jane.doe@example.org or <EMAIL_1> about it. ${'Then wait. '.repeat(10)}`;
    const placeholders = [{ placeholder: '<EMAIL_1>', original: 'bob@example.com', kind: 'email' }];
    const result = scan(text, { final: false, placeholders });
    const released = text.slice(0, text.length - result.held);
    expect(result.edits).toEqual([
      { start: 5, end: 25, text: '[REDACTED_EMAIL]' },
      { start: 29, end: 38, text: 'bob@example.com' },
    ]);
    expect(applyEdits(released, result.edits ?? [])).toBe(result.release);
  });

  it('restores a placeholder inside a JSON string as escaped JSON', () => {
    const placeholders = [{ placeholder: '<NOTE_1>', original: 'say "hi"', kind: 'note' }];
    const result = scan('{"note": "<NOTE_1>"}', {
      placeholders,
      responseFormat: { type: 'json_object' },
    });
    expect(JSON.parse(result.release)).toEqual({ note: 'say "hi"' });
  });
});

describe('OutputScanService (the key’s phone regions)', () => {
  it('reads national phone numbers in answers in the policy’s regions, as in prompts', () => {
    const text = 'Call our London office on 020 7946 0958 today.';
    expect(scan(text).release).toContain('[REDACTED_PHONE]');
    expect(scan(text, { policy: { pii_phone_regions: [] } }).release).toBe(text);
  });
});
