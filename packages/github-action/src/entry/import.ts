// Bundle entry of the import sub-action (import/action.yml → dist/import.js).
import * as core from '@actions/core';
import { runManagementStep } from '../manage/step.js';
import { importStep } from '../manage/import.js';

runManagementStep(importStep).catch((err: unknown) => {
  core.setFailed(`Unexpected error: ${err instanceof Error ? err.message : String(err)}`);
});
