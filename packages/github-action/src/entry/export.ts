// Bundle entry of the export sub-action (export/action.yml → dist/export.js).
import * as core from '@actions/core';
import { runManagementStep } from '../manage/step.js';
import { exportStep } from '../manage/export.js';

runManagementStep(exportStep).catch((err: unknown) => {
  core.setFailed(`Unexpected error: ${err instanceof Error ? err.message : String(err)}`);
});
