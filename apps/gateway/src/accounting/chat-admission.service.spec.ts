import { ServiceUnavailableError, type ChatQuote, type VerifiedKey } from '@conduit/contracts';
import { ChatAdmission, type Admission } from './chat-admission.service';

const quote = {
  model: 'openai/gpt-4o-mini',
  inputTokens: 10,
  maxOutputTokens: 90,
  worstCaseMicroUsd: 5,
};
const key = {
  keyId: 'key_1',
  budgeted: true,
  tpm: 1_000,
  rpm: null,
  models: null,
} as unknown as VerifiedKey;

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** Stand-ins for the edge catalog, the ledger and a rate-limit ticket, each a controllable step. */
function admissionWith() {
  const estimate = deferred();
  const hold = deferred();
  const steps: string[] = [];
  const admission = new ChatAdmission(
    { quote: () => Promise.resolve(quote as unknown as ChatQuote) } as never,
    {
      request: () => {
        steps.push('hold');
        return hold.promise;
      },
    } as never,
    {} as never,
    { GATEWAY_RESERVATION_TTL_SECONDS: 60 } as never,
  );
  const admitted: Admission = {
    quote: null,
    reserved: false,
    rateLimit: {
      headers: {},
      settle: () => Promise.resolve(),
      addEstimate: () => {
        steps.push('estimate');
        return estimate.promise;
      },
    },
  };
  const request = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
  const admit = () => admission.admitPriced('req_1', key, request as never, admitted);
  return { admit, admitted, estimate, hold, steps };
}

describe('ChatAdmission.admitPriced', () => {
  it('asks for the TPM estimate and the budget hold at once', async () => {
    const { admit, admitted, estimate, hold, steps } = admissionWith();
    const admitting = admit();
    await new Promise((resolve) => setImmediate(resolve));
    // Both are in flight before either answered.
    expect(steps).toEqual(['estimate', 'hold']);
    estimate.resolve();
    hold.resolve();
    await admitting;
    expect(admitted.reserved).toBe(true);
  });

  it('fails when the estimate fails, with the hold in place for the usage event to release', async () => {
    const { admit, admitted, estimate, hold } = admissionWith();
    const admitting = admit();
    estimate.reject(new ServiceUnavailableError('rate limiter down'));
    hold.resolve();
    await expect(admitting).rejects.toThrow('rate limiter down');
    expect(admitted.reserved).toBe(true);
  });

  it('fails when the hold fails, and says so rather than the estimate', async () => {
    const { admit, admitted, estimate, hold } = admissionWith();
    const admitting = admit();
    estimate.resolve();
    hold.reject(new Error('budget exceeded'));
    await expect(admitting).rejects.toThrow('budget exceeded');
    expect(admitted.reserved).toBe(false);
  });
});
