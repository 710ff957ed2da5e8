// Custom authentication: a Sim API key, the workspace the list/log operations work in, and an
// optional base URL for self-hosted Sim. The test calls GET /api/users/me/usage-limits.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { DEFAULT_BASE_URL } from '@sim-integrations/core';
import { createClient } from './client.js';
import { withZapierErrors } from './errors.js';

/** What the connection test returns; the connection label reads it. */
export interface AuthTestResult {
  plan: string;
  workspaceId: string;
  /** "" for Sim cloud, " @ host" for a self-hosted server (shown in the connection label). */
  server: string;
  usage: unknown;
  rateLimit: unknown;
}

/** " @ sim.example.com" for self-hosted Sim, "" for Sim cloud. */
export function serverSuffix(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.origin === new URL(DEFAULT_BASE_URL).origin ? '' : ` @ ${url.host}`;
}

export async function testAuth(z: ZObject, bundle: Bundle): Promise<AuthTestResult> {
  return withZapierErrors(z, bundle, async () => {
    const client = createClient(z, bundle);
    const limits = (await client.getUsageLimits()) as { usage?: { plan?: string }; rateLimit?: unknown };
    return {
      plan: String(limits.usage?.plan ?? 'unknown'),
      workspaceId: String(bundle.authData['workspaceId'] ?? ''),
      server: serverSuffix(client.baseUrl),
      usage: limits.usage ?? null,
      rateLimit: limits.rateLimit ?? null,
    };
  });
}

/**
 * "Sim pro plan · workspace ws-123" (plus " @ host" for self-hosted Sim); never the key. A template
 * rather than a function, so that `zapier-platform invoke auth label` can render it too.
 */
export const CONNECTION_LABEL =
  'Sim {{bundle.inputData.plan}} plan · workspace {{bundle.authData.workspaceId}}{{bundle.inputData.server}}';

export const authentication = {
  type: 'custom' as const,
  fields: [
    {
      key: 'apiKey',
      label: 'API Key',
      type: 'password' as const,
      required: true,
      helpText:
        'A Sim API key: in Sim open **Settings → API keys** and create one (workspace or personal key). It is sent as the `X-API-Key` header.',
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
  connectionLabel: CONNECTION_LABEL,
};
