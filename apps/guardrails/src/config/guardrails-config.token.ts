/** Nest token of the guardrails service's parsed `GuardrailsConfig`. */
export const GUARDRAILS_CONFIG = Symbol('GUARDRAILS_CONFIG');
