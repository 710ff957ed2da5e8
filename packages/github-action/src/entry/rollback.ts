// Bundle entry of the rollback sub-action (rollback/action.yml → dist/rollback.js).
import * as core from '@actions/core';
import { runManagementStep } from '../manage/step.js';
import { rollbackStep } from '../manage/rollback.js';

runManagementStep(rollbackStep).catch((err: unknown) => {
  core.setFailed(`Unexpected error: ${err instanceof Error ? err.message : String(err)}`);
});
