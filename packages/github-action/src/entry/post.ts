// Bundle entry of the post step (dist/post.js). The post step never fails the job.
import * as core from '@actions/core';
import { runPost } from '../post.js';

runPost().catch((err: unknown) => {
  core.warning(`Post: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
});
