import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Sim API key credential. n8n adds the key as the `X-API-Key` header of every request the nodes
 * send through `httpRequestWithAuthentication` (Sim does not accept `Authorization: Bearer`).
 */
export class SimApi implements ICredentialType {
	name = 'simApi';

	displayName = 'Sim API';

	icon: Icon = { light: 'file:../nodes/Sim/sim.svg', dark: 'file:../nodes/Sim/sim.dark.svg' };

	documentationUrl = 'https://docs.sim.ai/execution/api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A Sim API key (Settings → API Keys in Sim). A workspace key works for that workspace; a personal key for every workspace you belong to.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			// the core's DEFAULT_BASE_URL, written out: importing it would bundle the whole core into this file
			// (test/package.test.ts checks that the two agree)
			default: 'https://www.sim.ai',
			required: true,
			description: 'The address of your Sim instance. Change it only for a self-hosted Sim.',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			description:
				'Default workspace for listing workflows and reading logs (the ID after /workspace/ in the Sim editor URL). Optional: nodes can override it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/users/me/usage-limits',
			method: 'GET',
		},
	};
}
