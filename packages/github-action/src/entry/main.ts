// Bundle entry of the main step (dist/main.js).
import * as core from '@actions/core';
import { run } from '../main.js';

run().catch((err: unknown) => {
  core.setFailed(`Unexpected error: ${err instanceof Error ? err.message : String(err)}`);
});
