// The Zapier app definition: Sim (sim.ai) workflows as a native Zapier integration.
import zapier, { defineApp } from 'zapier-platform-core';
import packageJson from '../package.json' with { type: 'json' };
import { authentication } from './authentication.js';
import { afters, befores } from './middleware.js';
import { cancelExecutionCreate } from './creates/cancelExecution.js';
import { executeWorkflowCreate } from './creates/executeWorkflow.js';
import { resumeRunCreate } from './creates/resumeRun.js';
import { findExecutionSearch } from './searches/findExecution.js';
import { findWorkflowSearch } from './searches/findWorkflow.js';
import { getJobStatusSearch } from './searches/getJobStatus.js';
import { newExecutionLog } from './triggers/newExecutionLog.js';
import { workflowList } from './triggers/workflowList.js';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication: authentication as never,
  beforeRequest: [...befores] as never,
  afterResponse: [...afters] as never,
  triggers: {
    [newExecutionLog.key]: newExecutionLog,
    [workflowList.key]: workflowList,
  },
  creates: {
    [executeWorkflowCreate.key]: executeWorkflowCreate,
    [cancelExecutionCreate.key]: cancelExecutionCreate,
    [resumeRunCreate.key]: resumeRunCreate,
  },
  searches: {
    [getJobStatusSearch.key]: getJobStatusSearch,
    [findExecutionSearch.key]: findExecutionSearch,
    [findWorkflowSearch.key]: findWorkflowSearch,
  },
});
