import { loadConfig } from '@conduit/config';
import { Subjects } from '@conduit/contracts';
import { startTestBus, type TestBus } from '@conduit/testing';
import { AppModule } from '../src/app.module';
import { GuardrailsConfigSchema } from '../src/config/guardrails-config.schema';

// Made-up values with valid checksums; never real accounts or credentials.
const PHONE = '+1 (415) 555-2671';
const IBAN = 'DE89370400440532013000';
const GITHUB_TOKEN = 'ghp_Zx9Qw3Rt7Yu1Io5Pa8Sd2Fg6Hj0Kl4Mn7Bv2';

describe('guardrails.v1.redact over NATS', () => {
  let bus: TestBus;

  beforeAll(async () => {
    bus = await startTestBus();
    // A default policy that lets everything through: stored text is redacted regardless.
    const env = { ...bus.env, GUARDRAILS_DEFAULT_POLICY: '{"pii":"off","secrets":"off"}' };
    await bus.boot(AppModule.forRoot(loadConfig(GuardrailsConfigSchema, env)));
  });

  afterAll(() => bus?.close());

  it('redacts what the gateway’s own patterns miss, whatever the default policy', async () => {
    const result = await bus.client.request(Subjects.guardrailsRedact, {
      requestId: 'req_redact',
      texts: [`call ${PHONE}, pay ${IBAN}`, `token ${GITHUB_TOKEN}`, 'nothing to hide'],
    });
    expect(result).toEqual({
      texts: [
        'call [REDACTED_PHONE], pay [REDACTED_IBAN]',
        'token [REDACTED_GITHUB_TOKEN]',
        'nothing to hide',
      ],
      kinds: ['phone', 'iban', 'github_token'],
    });
  });

  it('refuses a request that breaks the contract with a validation error', async () => {
    await expect(
      bus.client.request(Subjects.guardrailsRedact, {
        requestId: 'req_bad',
        texts: 'not a list',
      } as never),
    ).rejects.toMatchObject({ type: 'validation_error' });
  });
});
