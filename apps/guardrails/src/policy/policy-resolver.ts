import type { GuardrailPolicy, ResolvedGuardrailPolicy } from '@conduit/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { GuardrailsConfig } from '../config/guardrails-config.schema';
import { GUARDRAILS_CONFIG } from '../config/guardrails-config.token';
import { BUILT_IN_POLICY } from './built-in-policy';

/**
 * Built-in policy, then the deployment's defaults (`GUARDRAILS_PHONE_REGIONS`, then
 * `GUARDRAILS_DEFAULT_POLICY`), then the key's own: last one wins.
 */
@Injectable()
export class PolicyResolver {
  private readonly defaults: ResolvedGuardrailPolicy;

  constructor(@Inject(GUARDRAILS_CONFIG) config: GuardrailsConfig) {
    const deployment = overlay(BUILT_IN_POLICY, {
      pii_phone_regions: config.GUARDRAILS_PHONE_REGIONS,
    });
    this.defaults = overlay(deployment, config.GUARDRAILS_DEFAULT_POLICY);
  }

  resolve(policy: GuardrailPolicy | null): ResolvedGuardrailPolicy {
    return policy ? overlay(this.defaults, policy) : this.defaults;
  }
}

function overlay(base: ResolvedGuardrailPolicy, over: GuardrailPolicy): ResolvedGuardrailPolicy {
  const defined = Object.entries(over).filter(([, value]) => value !== undefined);
  return { ...base, ...Object.fromEntries(defined) };
}
