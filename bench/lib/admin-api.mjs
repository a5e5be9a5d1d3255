// The gateway's admin and usage API as the bench uses it: one team, one virtual key with a
// budget, and the ledger's usage totals for the accounting check. Everything goes through the
// gateway over HTTP with the admin key, exactly as an operator would do it.

const TIMEOUT_MS = 10_000;

export function adminApi({ gatewayUrl, adminKey }) {
  const call = async (method, path, body) => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${path}: HTTP ${response.status}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text);
  };
  return {
    /** `POST /v1/admin/teams` → the team (`id`, `name`, …). */
    createTeam: (name) => call('POST', '/v1/admin/teams', { name }),
    /** `POST /v1/admin/keys` → the key, with its plaintext `key` (shown this once). */
    createKey: (request) => call('POST', '/v1/admin/keys', request),
    /** `GET /v1/admin/keys?team_id=…` → `{ data: ApiKey[] }`, budgets included. */
    listKeys: (teamId) => call('GET', `/v1/admin/keys?team_id=${encodeURIComponent(teamId)}`),
    /** `GET /v1/usage[?group_by=…]` over everything (the admin sees every key). */
    usage: (query = '') => call('GET', `/v1/usage${query ? `?${query}` : ''}`),
  };
}
