// Bundle entry of the deploy sub-action (deploy/action.yml → dist/deploy.js).
import * as core from '@actions/core';
import { runManagementStep } from '../manage/step.js';
import { deployStep } from '../manage/deploy.js';

runManagementStep(deployStep).catch((err: unknown) => {
  core.setFailed(`Unexpected error: ${err instanceof Error ? err.message : String(err)}`);
});
