import type { DeploymentChange } from '@sim-integrations/core';
import type { IDataObject } from 'n8n-workflow';

/** The output item of Deploy and Roll Back: what is live now and what was live before. */
export function deploymentItem(change: DeploymentChange): IDataObject {
	return {
		workflowId: change.workflowId,
		version: change.version,
		previousVersion: change.previousVersion,
		previousVersionSource: change.previousVersionSource,
		isDeployed: change.isDeployed,
		deployedAt: change.deployedAt,
		deploymentVersionId: change.deploymentVersionId,
		status: change.attemptStatus,
		warnings: change.warnings,
	};
}
