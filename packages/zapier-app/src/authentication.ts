// Custom authentication: a Sim API key, the workspace the list/log operations work in, and an
// optional base URL for self-hosted Sim. The test calls GET /api/users/me/usage-limits.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { DEFAULT_BASE_URL, createClient } from './client.js';
import { withZapierErrors } from './errors.js';

/** What the connection test returns; the connection label reads it. */
export interface AuthTestResult {
  plan: string;
  workspaceId: string;
  baseUrl: string;
  usage: unknown;
  rateLimit: unknown;
}

export async function testAuth(z: ZObject, bundle: Bundle): Promise<AuthTestResult> {
  return withZapierErrors(z, bundle, async () => {
    const client = createClient(z, bundle);
    const limits = (await client.getUsageLimits()) as { usage?: { plan?: string }; rateLimit?: unknown };
    return {
      plan: String(limits.usage?.plan ?? 'unknown'),
      workspaceId: String(bundle.authData['workspaceId'] ?? ''),
      baseUrl: client.baseUrl,
      usage: limits.usage ?? null,
      rateLimit: limits.rateLimit ?? null,
    };
  });
}

/** "Sim pro plan · workspace ws-123" (plus the host for self-hosted Sim). Never shows the key. */
export function connectionLabel(_z: ZObject, bundle: Bundle): string {
  const data = bundle.inputData as Partial<AuthTestResult>;
  const workspace = String(bundle.authData['workspaceId'] ?? data.workspaceId ?? '');
  const plan = data.plan ?? 'unknown';
  let host = '';
  try {
    const url = new URL(String(bundle.authData['baseUrl'] || DEFAULT_BASE_URL));
    if (url.origin !== new URL(DEFAULT_BASE_URL).origin) host = ` @ ${url.host}`;
  } catch {
    // an invalid URL fails the test with its own message
  }
  return `Sim ${plan} plan · workspace ${workspace}${host}`;
}

export const authentication = {
  type: 'custom' as const,
  fields: [
    {
      key: 'apiKey',
      label: 'API Key',
      type: 'password' as const,
      required: true,
      helpText: 'A Sim API key: in Sim open **Settings → API keys** and create one (workspace or personal key). It is sent as the `X-API-Key` header.',
    },
    {
      key: 'workspaceId',
      label: 'Workspace ID',
      type: 'string' as const,
      required: true,
      helpText:
        'The workspace whose workflows and logs this connection lists (the API has no endpoint to list workspaces). Open the workspace in Sim: the address looks like `https://www.sim.ai/workspace/<id>/w/…`; copy the `<id>` part.',
    },
    {
      key: 'baseUrl',
      label: 'Sim URL',
      type: 'string' as const,
      required: false,
      default: DEFAULT_BASE_URL,
      helpText: `Only for self-hosted Sim: the address of your server (http:// or https://). Leave the default ${DEFAULT_BASE_URL} for Sim cloud.`,
    },
  ],
  test: testAuth,
  connectionLabel,
};
