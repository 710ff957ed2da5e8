/**
 * Verbatim exchanges of paused runs (human in the loop and time pauses), resume and cancel of paused runs, recorded on
 * the real server (v0.8.9) on 2026-12-01: sim-server-facts.md section G, recordings/2026-12-01-paused-runs-selected-outputs-deploy.md.
 * Generated from that file (sections A–F; bodies cut in the recording are left out). Keyed by the exchange title.
 */
export interface PausedExchange {
  request: string | null;
  status: number;
  headers?: string[];
  body?: unknown;
  sse?: string;
}

export const PAUSED_RECORDINGS: Record<string, PausedExchange> = {
 "v1 async execute hitl": {
  "request": "POST /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/execute",
  "status": 202,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "async": true,
   "jobId": "workflow-execution:6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "message": "Workflow execution queued",
   "statusUrl": "http://127.0.0.1:3000/api/jobs/workflow-execution:6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
  }
 },
 "job right after 202": {
  "request": "GET /api/jobs/workflow-execution%3A6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "workflow-execution:6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "60e95b87",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "triggerType": "api"
    },
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8"
   },
   "output": {
    "output": {
     "data": {
      "_resume": {
       "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
       "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
       "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
      },
      "operation": "human",
      "submission": null,
      "inputFormat": [
       {
        "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
        "name": "approved",
        "type": "boolean",
        "label": "approved",
        "value": "",
        "required": false
       },
       {
        "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
        "name": "comment",
        "type": "string",
        "label": "comment",
        "value": "",
        "required": false
       }
      ],
      "responseStructure": [
       {
        "name": "question",
        "type": "string",
        "value": "Approve Async?"
       }
      ]
     },
     "status": 200,
     "headers": {
      "Content-Type": "application/json"
     }
    },
    "success": true,
    "executedAt": "2026-12-01T23:51:30.564Z",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
   }
  }
 },
 "execution right after 202": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "paused",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-01T23:51:18.218Z",
   "endedAt": "2026-12-01T23:51:29.832Z",
   "totalDurationMs": 11378,
   "paused": {
    "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "pausedAt": "2026-12-01T23:51:29.866Z",
    "resumeAt": null,
    "pauseKind": "human",
    "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "automaticResumeWaitingReason": null,
    "pausedExecutionId": "abd5c4ce-6c97-4dbc-a67d-5959df95b037",
    "pausePointCount": 1,
    "resumedCount": 0
   },
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "execution right after 202 includeOutput": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/6fe8d9e4-b409-4469-8b96-6f91a66aedd3?includeOutput=true",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "paused",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-01T23:51:18.218Z",
   "endedAt": "2026-12-01T23:51:29.832Z",
   "totalDurationMs": 11378,
   "paused": {
    "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "pausedAt": "2026-12-01T23:51:29.866Z",
    "resumeAt": null,
    "pauseKind": "human",
    "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "automaticResumeWaitingReason": null,
    "pausedExecutionId": "abd5c4ce-6c97-4dbc-a67d-5959df95b037",
    "pausePointCount": 1,
    "resumedCount": 0
   },
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "job poll (poll #1, +0.8s)": {
  "request": "GET /api/jobs/workflow-execution%3A6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "workflow-execution:6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "60e95b87",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "triggerType": "api"
    },
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8"
   },
   "output": {
    "output": {
     "data": {
      "_resume": {
       "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
       "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
       "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
      },
      "operation": "human",
      "submission": null,
      "inputFormat": [
       {
        "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
        "name": "approved",
        "type": "boolean",
        "label": "approved",
        "value": "",
        "required": false
       },
       {
        "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
        "name": "comment",
        "type": "string",
        "label": "comment",
        "value": "",
        "required": false
       }
      ],
      "responseStructure": [
       {
        "name": "question",
        "type": "string",
        "value": "Approve Async?"
       }
      ]
     },
     "status": 200,
     "headers": {
      "Content-Type": "application/json"
     }
    },
    "success": true,
    "executedAt": "2026-12-01T23:51:30.564Z",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
   }
  }
 },
 "execution poll (poll #1, +0.2s)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/6fe8d9e4-b409-4469-8b96-6f91a66aedd3?includeOutput=true",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "paused",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-01T23:51:18.218Z",
   "endedAt": "2026-12-01T23:51:29.832Z",
   "totalDurationMs": 11378,
   "paused": {
    "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "pausedAt": "2026-12-01T23:51:29.866Z",
    "resumeAt": null,
    "pauseKind": "human",
    "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "automaticResumeWaitingReason": null,
    "pausedExecutionId": "abd5c4ce-6c97-4dbc-a67d-5959df95b037",
    "pausePointCount": 1,
    "resumedCount": 0
   },
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "job after pause (settled?)": {
  "request": "GET /api/jobs/workflow-execution%3A6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "workflow-execution:6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "60e95b87",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "triggerType": "api"
    },
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8"
   },
   "output": {
    "output": {
     "data": {
      "_resume": {
       "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
       "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
       "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
      },
      "operation": "human",
      "submission": null,
      "inputFormat": [
       {
        "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
        "name": "approved",
        "type": "boolean",
        "label": "approved",
        "value": "",
        "required": false
       },
       {
        "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
        "name": "comment",
        "type": "string",
        "label": "comment",
        "value": "",
        "required": false
       }
      ],
      "responseStructure": [
       {
        "name": "question",
        "type": "string",
        "value": "Approve Async?"
       }
      ]
     },
     "status": 200,
     "headers": {
      "Content-Type": "application/json"
     }
    },
    "success": true,
    "executedAt": "2026-12-01T23:51:30.564Z",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
   }
  }
 },
 "execution paused (no includeOutput)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "paused",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-01T23:51:18.218Z",
   "endedAt": "2026-12-01T23:51:29.832Z",
   "totalDurationMs": 11378,
   "paused": {
    "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "pausedAt": "2026-12-01T23:51:29.866Z",
    "resumeAt": null,
    "pauseKind": "human",
    "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "automaticResumeWaitingReason": null,
    "pausedExecutionId": "abd5c4ce-6c97-4dbc-a67d-5959df95b037",
    "pausePointCount": 1,
    "resumedCount": 0
   },
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "list paused executions": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/paused",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "pausedExecutions": [
    {
     "id": "abd5c4ce-6c97-4dbc-a67d-5959df95b037",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "status": "paused",
     "totalPauseCount": 1,
     "resumedCount": 0,
     "pausedAt": "2026-12-01T23:51:29.866Z",
     "updatedAt": "2026-12-01T23:51:29.866Z",
     "expiresAt": null,
     "metadata": {
      "pauseScope": "execution",
      "triggerIds": [],
      "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
      "executorUserId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
      "billingAttribution": {
       "actorUserId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
       "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
       "billingEntity": {
        "id": "org-realsim",
        "type": "organization"
       },
       "billingPeriod": {
        "end": "9999-12-31T00:00:00.000Z",
        "start": "1970-01-01T00:00:00.000Z",
        "source": "default"
       },
       "organizationId": "org-realsim",
       "payerSubscription": null,
       "billedAccountUserId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA"
      }
     },
     "triggerIds": [],
     "pausePoints": [
      {
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "blockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "response": {
        "data": {
         "_resume": {
          "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
          "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
          "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
          "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
          "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
         },
         "operation": "human",
         "submission": null,
         "inputFormat": [
          {
           "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
           "name": "approved",
           "type": "boolean",
           "label": "approved",
           "value": "",
           "required": false
          },
          {
           "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
           "name": "comment",
           "type": "string",
           "label": "comment",
           "value": "",
           "required": false
          }
         ],
         "responseStructure": [
          {
           "name": "question",
           "type": "string",
           "value": "Approve Async?"
          }
         ]
        },
        "status": 200,
        "headers": {
         "Content-Type": "application/json"
        }
       },
       "registeredAt": "2026-12-01T23:51:29.762Z",
       "resumeStatus": "paused",
       "snapshotReady": true,
       "resumeLinks": {
        "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
        "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
        "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
        "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
        "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
       },
       "pauseKind": "human",
       "queuePosition": null,
       "latestResumeEntry": null
      }
     ]
    }
   ]
  }
 },
 "resume POST (async-origin run)": {
  "request": "POST /api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
  "status": 202,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "async": true,
   "jobId": "run_YHypi5orwoUQhnSu2j-Z",
   "executionId": "daaf9760-ba8f-49c5-b1ee-b35196a085ff",
   "message": "Resume execution queued",
   "statusUrl": "http://127.0.0.1:3000/api/jobs/run_YHypi5orwoUQhnSu2j-Z"
  }
 },
 "resume job poll (poll #1, +4.3s)": {
  "request": "GET /api/jobs/run_YHypi5orwoUQhnSu2j-Z",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "run_YHypi5orwoUQhnSu2j-Z",
   "status": "processing",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "61f32133",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "triggerType": "resume"
    },
    "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
    "resumeExecutionId": "daaf9760-ba8f-49c5-b1ee-b35196a085ff"
   },
   "output": null
  }
 },
 "resume job poll (poll #2, +6.9s)": {
  "request": "GET /api/jobs/run_YHypi5orwoUQhnSu2j-Z",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "run_YHypi5orwoUQhnSu2j-Z",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "61f32133",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "triggerType": "resume"
    },
    "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
    "resumeExecutionId": "daaf9760-ba8f-49c5-b1ee-b35196a085ff"
   },
   "output": {
    "output": {
     "result": {
      "prep": {
       "greeting": "hi Async"
      },
      "submission": {
       "comment": "looks good",
       "approved": true
      }
     },
     "stdout": ""
    },
    "success": true,
    "executedAt": "2026-12-01T23:59:38.139Z",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "executionId": "daaf9760-ba8f-49c5-b1ee-b35196a085ff",
    "parentExecutionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
   }
  }
 },
 "resumed execution poll (poll #1, +1.9s)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/daaf9760-ba8f-49c5-b1ee-b35196a085ff?includeOutput=true",
  "status": 404,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Execution not found"
  }
 },
 "original execution after resume": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/6fe8d9e4-b409-4469-8b96-6f91a66aedd3?includeOutput=true",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "completed",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-01T23:51:18.218Z",
   "endedAt": "2026-12-01T23:59:37.415Z",
   "totalDurationMs": 499197,
   "paused": null,
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": {
    "result": {
     "prep": {
      "greeting": "hi Async"
     },
     "submission": {
      "approved": true,
      "comment": "looks good"
     }
    },
    "stdout": ""
   },
   "blockOutputs": null
  }
 },
 "original job after resume": {
  "request": "GET /api/jobs/workflow-execution%3A6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "workflow-execution:6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "60e95b87",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "triggerType": "api"
    },
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8"
   },
   "output": {
    "output": {
     "data": {
      "_resume": {
       "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
       "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
       "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
      },
      "operation": "human",
      "submission": null,
      "inputFormat": [
       {
        "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
        "name": "approved",
        "type": "boolean",
        "label": "approved",
        "value": "",
        "required": false
       },
       {
        "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
        "name": "comment",
        "type": "string",
        "label": "comment",
        "value": "",
        "required": false
       }
      ],
      "responseStructure": [
       {
        "name": "question",
        "type": "string",
        "value": "Approve Async?"
       }
      ]
     },
     "status": 200,
     "headers": {
      "Content-Type": "application/json"
     }
    },
    "success": true,
    "executedAt": "2026-12-01T23:51:30.564Z",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
   }
  }
 },
 "list paused after resume": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/paused",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "pausedExecutions": [
    {
     "id": "abd5c4ce-6c97-4dbc-a67d-5959df95b037",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "status": "fully_resumed",
     "totalPauseCount": 1,
     "resumedCount": 1,
     "pausedAt": "2026-12-01T23:51:29.866Z",
     "updatedAt": "2026-12-01T23:59:38.048Z",
     "expiresAt": null,
     "metadata": {
      "pauseScope": "execution",
      "triggerIds": [],
      "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
      "executorUserId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
      "billingAttribution": {
       "actorUserId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
       "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
       "billingEntity": {
        "id": "org-realsim",
        "type": "organization"
       },
       "billingPeriod": {
        "end": "9999-12-31T00:00:00.000Z",
        "start": "1970-01-01T00:00:00.000Z",
        "source": "default"
       },
       "organizationId": "org-realsim",
       "payerSubscription": null,
       "billedAccountUserId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA"
      }
     },
     "triggerIds": [],
     "pausePoints": [
      {
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "blockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "response": {
        "data": {
         "_resume": {
          "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
          "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
          "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
          "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
          "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
         },
         "operation": "human",
         "submission": null,
         "inputFormat": [
          {
           "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
           "name": "approved",
           "type": "boolean",
           "label": "approved",
           "value": "",
           "required": false
          },
          {
           "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
           "name": "comment",
           "type": "string",
           "label": "comment",
           "value": "",
           "required": false
          }
         ],
         "responseStructure": [
          {
           "name": "question",
           "type": "string",
           "value": "Approve Async?"
          }
         ]
        },
        "status": 200,
        "headers": {
         "Content-Type": "application/json"
        }
       },
       "registeredAt": "2026-12-01T23:51:29.762Z",
       "resumeStatus": "resumed",
       "snapshotReady": true,
       "resumeLinks": {
        "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
        "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
        "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
        "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
        "executionId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3"
       },
       "pauseKind": "human",
       "queuePosition": null,
       "latestResumeEntry": null
      }
     ]
    }
   ]
  }
 },
 "resume same context again": {
  "request": "POST /api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6fe8d9e4-b409-4469-8b96-6f91a66aedd3/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
  "status": 409,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Paused execution is not resumable"
  }
 },
 "resumed execution selectedOutputs by id (afterId.result, humanId.submission, prepId.result)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/daaf9760-ba8f-49c5-b1ee-b35196a085ff?includeOutput=true&selectedOutputs=6aabed29-2afc-4ed2-94c4-df421b959d7f.result,77af2c8f-ca02-4d66-8b5c-8c12f4fa904a.submission,bdf4a34f-49df-4cd8-a370-1af650629cc3.result",
  "status": 404,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Execution not found"
  }
 },
 "resumed execution selectedOutputs by name (after.result)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/daaf9760-ba8f-49c5-b1ee-b35196a085ff?selectedOutputs=after.result",
  "status": 404,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Execution not found"
  }
 },
 "resumed execution selectedOutputs underscore (afterId_result)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/daaf9760-ba8f-49c5-b1ee-b35196a085ff?selectedOutputs=6aabed29-2afc-4ed2-94c4-df421b959d7f_result",
  "status": 404,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Execution not found"
  }
 },
 "v1 sync execute hitl (pauses)": {
  "request": "POST /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/execute",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "executionId": "6eacdbfc-7389-431b-8e9d-f2f73f7f4033",
   "output": {
    "data": {
     "operation": "human",
     "responseStructure": [
      {
       "name": "question",
       "type": "string",
       "value": "Approve Sync?"
      }
     ],
     "inputFormat": [
      {
       "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
       "name": "approved",
       "label": "approved",
       "type": "boolean",
       "value": "",
       "required": false
      },
      {
       "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
       "name": "comment",
       "label": "comment",
       "type": "string",
       "value": "",
       "required": false
      }
     ],
     "submission": null,
     "_resume": {
      "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6eacdbfc-7389-431b-8e9d-f2f73f7f4033/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
      "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6eacdbfc-7389-431b-8e9d-f2f73f7f4033",
      "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
      "executionId": "6eacdbfc-7389-431b-8e9d-f2f73f7f4033",
      "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c"
     }
    },
    "status": 200,
    "headers": {
     "Content-Type": "application/json"
    }
   },
   "metadata": {
    "duration": 6711.804524000036,
    "startTime": "2026-12-02T00:01:50.380Z",
    "endTime": "2026-12-02T00:01:57.110Z"
   }
  }
 },
 "execution after sync pause": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/6eacdbfc-7389-431b-8e9d-f2f73f7f4033?includeOutput=true",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "6eacdbfc-7389-431b-8e9d-f2f73f7f4033",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "paused",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-02T00:01:50.264Z",
   "endedAt": "2026-12-02T00:01:57.122Z",
   "totalDurationMs": 6638,
   "paused": {
    "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "pausedAt": "2026-12-02T00:01:57.158Z",
    "resumeAt": null,
    "pauseKind": "human",
    "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "automaticResumeWaitingReason": null,
    "pausedExecutionId": "7e5918a1-e3fa-477e-b60d-147abc4f3365",
    "pausePointCount": 1,
    "resumedCount": 0
   },
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "resume POST (sync-origin run)": {
  "request": "POST /api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/6eacdbfc-7389-431b-8e9d-f2f73f7f4033/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "status": "completed",
   "executionId": "18f1194e-a7eb-4ac0-b569-fe9380464d32",
   "output": {
    "result": {
     "prep": {
      "greeting": "hi Sync"
     },
     "submission": {
      "approved": true,
      "comment": "sync ok"
     }
    },
    "stdout": ""
   },
   "metadata": {
    "duration": 1843.4191370001063,
    "startTime": "2026-12-02T00:02:01.382Z",
    "endTime": "2026-12-02T00:02:03.227Z"
   }
  }
 },
 "resumed execution (sync-origin)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/18f1194e-a7eb-4ac0-b569-fe9380464d32?includeOutput=true",
  "status": 404,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Execution not found"
  }
 },
 "v1 stream execute hitl (pauses)": {
  "request": "POST /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/execute",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-request-id"
  ],
  "sse": "data: {\"event\":\"final\",\"data\":{\"success\":true,\"output\":{\"data\":{\"operation\":\"human\",\"responseStructure\":[{\"name\":\"question\",\"type\":\"string\",\"value\":\"Approve Stream?\"}],\"inputFormat\":[{\"id\":\"24d66abc-4fca-4aff-8237-3147e365ea79\",\"name\":\"approved\",\"label\":\"approved\",\"type\":\"boolean\",\"value\":\"\",\"required\":false},{\"id\":\"b82ecba7-33c3-48b9-be5a-05d1af2107dc\",\"name\":\"comment\",\"label\":\"comment\",\"type\":\"string\",\"value\":\"\",\"required\":false}],\"submission\":null,\"_resume\":{\"apiUrl\":\"http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/d0331d27-a39c-4f08-b82f-7902d335aabf/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a\",\"uiUrl\":\"http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/d0331d27-a39c-4f08-b82f-7902d335aabf\",\"contextId\":\"77af2c8f-ca02-4d66-8b5c-8c12f4fa904a\",\"executionId\":\"d0331d27-a39c-4f08-b82f-7902d335aabf\",\"workflowId\":\"df226c92-0b67-4854-97ec-f4929481dc8c\"}},\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"}},\"status\":\"paused\"}}\n\ndata: \"[DONE]\"\n\n"
 },
 "execution after stream pause": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/d0331d27-a39c-4f08-b82f-7902d335aabf?includeOutput=true",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "d0331d27-a39c-4f08-b82f-7902d335aabf",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "paused",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-02T00:02:14.595Z",
   "endedAt": "2026-12-02T00:02:16.778Z",
   "totalDurationMs": 1984,
   "paused": {
    "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "pausedAt": "2026-12-02T00:02:16.781Z",
    "resumeAt": null,
    "pauseKind": "human",
    "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "automaticResumeWaitingReason": null,
    "pausedExecutionId": "70721b6f-1f7e-4455-ad54-7f1f9f7badde",
    "pausePointCount": 1,
    "resumedCount": 0
   },
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "resume POST (stream-origin run)": {
  "request": "POST /api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/d0331d27-a39c-4f08-b82f-7902d335aabf/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-execution-id",
   "x-request-id"
  ],
  "sse": "data: {\"event\":\"final\",\"data\":{\"success\":true,\"output\":{\"result\":{\"prep\":{\"greeting\":\"hi Stream\"},\"submission\":{\"approved\":true,\"comment\":\"stream ok\"}},\"stdout\":\"\"}}}\n\ndata: \"[DONE]\"\n\n"
 },
 "resumed execution (stream-origin)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/810d5b7b-8775-48d4-9613-417f46e0c783?includeOutput=true",
  "status": 404,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Execution not found"
  }
 },
 "v2 async execute hitl": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/execute",
  "status": 202,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id",
   "x-run-id"
  ],
  "body": {
   "data": {
    "runId": "159a998c-12c5-44be-8d19-fe7eabb78ad0",
    "statusUrl": "http://127.0.0.1:3000/api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0"
   }
  }
 },
 "v2 run right after 202": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "159a998c-12c5-44be-8d19-fe7eabb78ad0",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "paused",
    "trigger": "api",
    "startedAt": "2026-12-02T00:02:34.922Z",
    "endedAt": "2026-12-02T00:02:35.895Z",
    "durationMs": 913,
    "paused": {
     "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "pausedAt": "2026-12-02T00:02:35.897Z",
     "resumeAt": null,
     "pauseKind": "human",
     "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "automaticResumeWaitingReason": null,
     "pausePointCount": 1,
     "resumedCount": 0
    },
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": null,
    "blockOutputs": null
   }
  }
 },
 "v2 run poll (poll #1, +0.6s)": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0?includeOutput=true",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "159a998c-12c5-44be-8d19-fe7eabb78ad0",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "paused",
    "trigger": "api",
    "startedAt": "2026-12-02T00:02:34.922Z",
    "endedAt": "2026-12-02T00:02:35.895Z",
    "durationMs": 913,
    "paused": {
     "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "pausedAt": "2026-12-02T00:02:35.897Z",
     "resumeAt": null,
     "pauseKind": "human",
     "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "automaticResumeWaitingReason": null,
     "pausePointCount": 1,
     "resumedCount": 0
    },
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": null,
    "blockOutputs": null
   }
  }
 },
 "v2 run paused selectedOutputs=prepId.result": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0?includeOutput=true&selectedOutputs=bdf4a34f-49df-4cd8-a370-1af650629cc3.result",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "159a998c-12c5-44be-8d19-fe7eabb78ad0",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "paused",
    "trigger": "api",
    "startedAt": "2026-12-02T00:02:34.922Z",
    "endedAt": "2026-12-02T00:02:35.895Z",
    "durationMs": 913,
    "paused": {
     "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "pausedAt": "2026-12-02T00:02:35.897Z",
     "resumeAt": null,
     "pauseKind": "human",
     "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "automaticResumeWaitingReason": null,
     "pausePointCount": 1,
     "resumedCount": 0
    },
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": null,
    "blockOutputs": {
     "bdf4a34f-49df-4cd8-a370-1af650629cc3.result": {
      "greeting": "hi V2A"
     }
    }
   }
  }
 },
 "v1 job view of v2 paused run": {
  "request": "GET /api/jobs/workflow-execution%3A159a998c-12c5-44be-8d19-fe7eabb78ad0",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "workflow-execution:159a998c-12c5-44be-8d19-fe7eabb78ad0",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "10f2998a",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "159a998c-12c5-44be-8d19-fe7eabb78ad0",
     "triggerType": "api"
    },
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8"
   },
   "output": {
    "output": {
     "data": {
      "_resume": {
       "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/159a998c-12c5-44be-8d19-fe7eabb78ad0",
       "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/159a998c-12c5-44be-8d19-fe7eabb78ad0/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
       "executionId": "159a998c-12c5-44be-8d19-fe7eabb78ad0"
      },
      "operation": "human",
      "submission": null,
      "inputFormat": [
       {
        "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
        "name": "approved",
        "type": "boolean",
        "label": "approved",
        "value": "",
        "required": false
       },
       {
        "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
        "name": "comment",
        "type": "string",
        "label": "comment",
        "value": "",
        "required": false
       }
      ],
      "responseStructure": [
       {
        "name": "question",
        "type": "string",
        "value": "Approve V2A?"
       }
      ]
     },
     "status": 200,
     "headers": {
      "Content-Type": "application/json"
     }
    },
    "success": true,
    "executedAt": "2026-12-02T00:02:36.863Z",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "executionId": "159a998c-12c5-44be-8d19-fe7eabb78ad0"
   }
  }
 },
 "v2 resume missing contextId": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0/resume",
  "status": 400,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "error": {
    "code": "BAD_REQUEST",
    "message": "Invalid input: expected string, received undefined",
    "details": [
     {
      "expected": "string",
      "code": "invalid_type",
      "path": [
       "contextId"
      ],
      "message": "Invalid input: expected string, received undefined"
     }
    ]
   }
  }
 },
 "v2 resume wrong contextId": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0/resume",
  "status": 404,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "error": {
    "code": "NOT_FOUND",
    "message": "Pause point not found for execution"
   }
  }
 },
 "v2 resume": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0/resume",
  "status": 202,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id",
   "x-run-id"
  ],
  "body": {
   "data": {
    "runId": "60903f1a-5f9c-4909-aa8c-51109f68d958",
    "statusUrl": "http://127.0.0.1:3000/api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/60903f1a-5f9c-4909-aa8c-51109f68d958"
   }
  }
 },
 "v2 resumed run poll (poll #1, +0.8s)": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/60903f1a-5f9c-4909-aa8c-51109f68d958?includeOutput=true",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "60903f1a-5f9c-4909-aa8c-51109f68d958",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "running",
    "trigger": "resume",
    "startedAt": "2026-12-02T00:02:45.011Z",
    "endedAt": null,
    "durationMs": null,
    "paused": null,
    "cost": null,
    "error": null,
    "output": null,
    "blockOutputs": null
   }
  }
 },
 "v2 resumed run poll (poll #2, +3.3s)": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/60903f1a-5f9c-4909-aa8c-51109f68d958?includeOutput=true",
  "status": 404,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "error": {
    "code": "NOT_FOUND",
    "message": "Run not found"
   }
  }
 },
 "v2 original run after resume": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0?includeOutput=true",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "159a998c-12c5-44be-8d19-fe7eabb78ad0",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "completed",
    "trigger": "api",
    "startedAt": "2026-12-02T00:02:34.922Z",
    "endedAt": "2026-12-02T00:02:46.381Z",
    "durationMs": 11459,
    "paused": null,
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": {
     "result": {
      "prep": {
       "greeting": "hi V2A"
      },
      "submission": {
       "approved": false,
       "comment": "v2 no"
      }
     },
     "stdout": ""
    },
    "blockOutputs": null
   }
  }
 },
 "v2 resume again (already resumed)": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/159a998c-12c5-44be-8d19-fe7eabb78ad0/resume",
  "status": 409,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "error": {
    "code": "CONFLICT",
    "message": "Paused execution is not resumable"
   }
  }
 },
 "v2 list runs": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs?limit=5",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": [
    {
     "runId": "159a998c-12c5-44be-8d19-fe7eabb78ad0",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "status": "completed",
     "trigger": "api",
     "startedAt": "2026-12-02T00:02:34.922Z",
     "endedAt": "2026-12-02T00:02:46.381Z",
     "durationMs": 11459,
     "cost": {
      "total": 0.005
     }
    },
    {
     "runId": "d0331d27-a39c-4f08-b82f-7902d335aabf",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "status": "completed",
     "trigger": "api",
     "startedAt": "2026-12-02T00:02:14.595Z",
     "endedAt": "2026-12-02T00:02:20.210Z",
     "durationMs": 5615,
     "cost": {
      "total": 0.005
     }
    },
    {
     "runId": "6eacdbfc-7389-431b-8e9d-f2f73f7f4033",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "status": "completed",
     "trigger": "api",
     "startedAt": "2026-12-02T00:01:50.264Z",
     "endedAt": "2026-12-02T00:02:03.262Z",
     "durationMs": 12998,
     "cost": {
      "total": 0.005
     }
    },
    {
     "runId": "6fe8d9e4-b409-4469-8b96-6f91a66aedd3",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "status": "completed",
     "trigger": "api",
     "startedAt": "2026-12-01T23:51:18.218Z",
     "endedAt": "2026-12-01T23:59:37.415Z",
     "durationMs": 499197,
     "cost": {
      "total": 0.005
     }
    }
   ],
   "nextCursor": null
  }
 },
 "v2 sync execute hitl (pauses)": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/execute",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id",
   "x-run-id"
  ],
  "body": {
   "data": {
    "runId": "bf8a72a4-da9b-43d5-af52-67702f4d6181",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "paused",
    "output": {
     "data": {
      "operation": "human",
      "responseStructure": [
       {
        "name": "question",
        "type": "string",
        "value": "Approve V2S?"
       }
      ],
      "inputFormat": [
       {
        "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
        "name": "approved",
        "label": "approved",
        "type": "boolean",
        "value": "",
        "required": false
       },
       {
        "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
        "name": "comment",
        "label": "comment",
        "type": "string",
        "value": "",
        "required": false
       }
      ],
      "submission": null,
      "_resume": {
       "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/bf8a72a4-da9b-43d5-af52-67702f4d6181/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/bf8a72a4-da9b-43d5-af52-67702f4d6181",
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "executionId": "bf8a72a4-da9b-43d5-af52-67702f4d6181",
       "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c"
      }
     },
     "status": 200,
     "headers": {
      "Content-Type": "application/json"
     }
    },
    "error": null,
    "startedAt": "2026-12-02T00:04:21.393Z",
    "endedAt": "2026-12-02T00:04:26.719Z",
    "durationMs": 5322.580262999982
   }
  }
 },
 "v2 run of sync pause": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/bf8a72a4-da9b-43d5-af52-67702f4d6181",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "bf8a72a4-da9b-43d5-af52-67702f4d6181",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "paused",
    "trigger": "api",
    "startedAt": "2026-12-02T00:04:21.348Z",
    "endedAt": "2026-12-02T00:04:26.724Z",
    "durationMs": 5305,
    "paused": {
     "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "pausedAt": "2026-12-02T00:04:26.738Z",
     "resumeAt": null,
     "pauseKind": "human",
     "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "automaticResumeWaitingReason": null,
     "pausePointCount": 1,
     "resumedCount": 0
    },
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": null,
    "blockOutputs": null
   }
  }
 },
 "v2 resume of sync-origin run": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/bf8a72a4-da9b-43d5-af52-67702f4d6181/resume",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id",
   "x-run-id"
  ],
  "body": {
   "data": {
    "runId": "dbe3030e-f6e3-4e42-ac5c-9f3ad1edb196",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "completed",
    "output": {
     "result": {
      "prep": {
       "greeting": "hi V2S"
      },
      "submission": {
       "approved": true
      }
     },
     "stdout": ""
    },
    "error": null,
    "startedAt": "2026-12-02T00:04:40.387Z",
    "endedAt": "2026-12-02T00:04:41.290Z",
    "durationMs": 873.1395979999797
   }
  }
 },
 "v2 stream execute hitl (pauses)": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/execute",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "sse": "data: {\"event\":\"final\",\"data\":{\"success\":true,\"output\":{\"data\":{\"operation\":\"human\",\"responseStructure\":[{\"name\":\"question\",\"type\":\"string\",\"value\":\"Approve V2St?\"}],\"inputFormat\":[{\"id\":\"24d66abc-4fca-4aff-8237-3147e365ea79\",\"name\":\"approved\",\"label\":\"approved\",\"type\":\"boolean\",\"value\":\"\",\"required\":false},{\"id\":\"b82ecba7-33c3-48b9-be5a-05d1af2107dc\",\"name\":\"comment\",\"label\":\"comment\",\"type\":\"string\",\"value\":\"\",\"required\":false}],\"submission\":null,\"_resume\":{\"apiUrl\":\"http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/ffc31acf-08da-42e5-9356-aa96ada2be45/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a\",\"uiUrl\":\"http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/ffc31acf-08da-42e5-9356-aa96ada2be45\",\"contextId\":\"77af2c8f-ca02-4d66-8b5c-8c12f4fa904a\",\"executionId\":\"ffc31acf-08da-42e5-9356-aa96ada2be45\",\"workflowId\":\"df226c92-0b67-4854-97ec-f4929481dc8c\"}},\"status\":200,\"headers\":{\"Content-Type\":\"application/json\"}},\"status\":\"paused\"}}\n\ndata: \"[DONE]\"\n\n"
 },
 "v1 async execute (to cancel)": {
  "request": "POST /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/execute",
  "status": 202,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "async": true,
   "jobId": "workflow-execution:9069c824-ed0b-47c6-8dcf-34335f61ba09",
   "executionId": "9069c824-ed0b-47c6-8dcf-34335f61ba09",
   "message": "Workflow execution queued",
   "statusUrl": "http://127.0.0.1:3000/api/jobs/workflow-execution:9069c824-ed0b-47c6-8dcf-34335f61ba09"
  }
 },
 "execution until paused (poll #1, +2.9s)": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/9069c824-ed0b-47c6-8dcf-34335f61ba09",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "9069c824-ed0b-47c6-8dcf-34335f61ba09",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "paused",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-02T00:05:06.286Z",
   "endedAt": "2026-12-02T00:05:07.755Z",
   "totalDurationMs": 1240,
   "paused": {
    "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "pausedAt": "2026-12-02T00:05:07.757Z",
    "resumeAt": null,
    "pauseKind": "human",
    "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
    "automaticResumeWaitingReason": null,
    "pausedExecutionId": "7a9e6ba8-8eb0-4a3f-89c4-7e76481af23f",
    "pausePointCount": 1,
    "resumedCount": 0
   },
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "v1 cancel paused": {
  "request": "POST /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/9069c824-ed0b-47c6-8dcf-34335f61ba09/cancel",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "executionId": "9069c824-ed0b-47c6-8dcf-34335f61ba09",
   "redisAvailable": true,
   "durablyRecorded": true,
   "locallyAborted": false,
   "pausedCancelled": true,
   "reason": "recorded"
  }
 },
 "job after cancel": {
  "request": "GET /api/jobs/workflow-execution%3A9069c824-ed0b-47c6-8dcf-34335f61ba09",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "workflow-execution:9069c824-ed0b-47c6-8dcf-34335f61ba09",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "694c2e99",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "9069c824-ed0b-47c6-8dcf-34335f61ba09",
     "triggerType": "api"
    },
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8"
   },
   "output": {
    "output": {
     "data": {
      "_resume": {
       "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/9069c824-ed0b-47c6-8dcf-34335f61ba09",
       "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/9069c824-ed0b-47c6-8dcf-34335f61ba09/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
       "executionId": "9069c824-ed0b-47c6-8dcf-34335f61ba09"
      },
      "operation": "human",
      "submission": null,
      "inputFormat": [
       {
        "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
        "name": "approved",
        "type": "boolean",
        "label": "approved",
        "value": "",
        "required": false
       },
       {
        "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
        "name": "comment",
        "type": "string",
        "label": "comment",
        "value": "",
        "required": false
       }
      ],
      "responseStructure": [
       {
        "name": "question",
        "type": "string",
        "value": "Approve CancelMe?"
       }
      ]
     },
     "status": 200,
     "headers": {
      "Content-Type": "application/json"
     }
    },
    "success": true,
    "executedAt": "2026-12-02T00:05:08.752Z",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "executionId": "9069c824-ed0b-47c6-8dcf-34335f61ba09"
   }
  }
 },
 "execution after cancel": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/9069c824-ed0b-47c6-8dcf-34335f61ba09?includeOutput=true",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "9069c824-ed0b-47c6-8dcf-34335f61ba09",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "cancelled",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-02T00:05:06.286Z",
   "endedAt": "2026-12-02T00:05:11.287Z",
   "totalDurationMs": 1240,
   "paused": null,
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "v2 run view after v1 cancel": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/9069c824-ed0b-47c6-8dcf-34335f61ba09",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "9069c824-ed0b-47c6-8dcf-34335f61ba09",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "cancelled",
    "trigger": "api",
    "startedAt": "2026-12-02T00:05:06.286Z",
    "endedAt": "2026-12-02T00:05:11.287Z",
    "durationMs": 1240,
    "paused": null,
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": null,
    "blockOutputs": null
   }
  }
 },
 "v1 cancel again": {
  "request": "POST /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/9069c824-ed0b-47c6-8dcf-34335f61ba09/cancel",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "executionId": "9069c824-ed0b-47c6-8dcf-34335f61ba09",
   "redisAvailable": true,
   "durablyRecorded": false,
   "locallyAborted": false,
   "pausedCancelled": false,
   "reason": "already_cancelled"
  }
 },
 "resume after cancel": {
  "request": "POST /api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/9069c824-ed0b-47c6-8dcf-34335f61ba09/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
  "status": 409,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Paused execution is not resumable"
  }
 },
 "v2 async execute (to cancel)": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/execute",
  "status": 202,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id",
   "x-run-id"
  ],
  "body": {
   "data": {
    "runId": "84035ddc-85b0-479d-94b2-8aa4bc961690",
    "statusUrl": "http://127.0.0.1:3000/api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/84035ddc-85b0-479d-94b2-8aa4bc961690"
   }
  }
 },
 "v2 run until paused (poll #1, +51.8s)": {
  "request": "GET /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/84035ddc-85b0-479d-94b2-8aa4bc961690",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "84035ddc-85b0-479d-94b2-8aa4bc961690",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "status": "paused",
    "trigger": "api",
    "startedAt": "2026-12-02T00:05:57.697Z",
    "endedAt": "2026-12-02T00:06:03.744Z",
    "durationMs": 5705,
    "paused": {
     "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "pausedAt": "2026-12-02T00:06:03.758Z",
     "resumeAt": null,
     "pauseKind": "human",
     "blockedOnBlockId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
     "automaticResumeWaitingReason": null,
     "pausePointCount": 1,
     "resumedCount": 0
    },
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": null,
    "blockOutputs": null
   }
  }
 },
 "v2 cancel paused": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/84035ddc-85b0-479d-94b2-8aa4bc961690/cancel",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "success": true,
    "runId": "84035ddc-85b0-479d-94b2-8aa4bc961690",
    "redisAvailable": true,
    "durablyRecorded": true,
    "locallyAborted": false,
    "pausedCancelled": true,
    "reason": "recorded"
   }
  }
 },
 "v2 run after cancel": {
  "request": "GET /api/v2/workflows/e61edf91-3c18-4217-bc91-997374a3359d/runs/ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
    "workflowId": "e61edf91-3c18-4217-bc91-997374a3359d",
    "status": "cancelled",
    "trigger": "api",
    "startedAt": "2026-12-02T00:07:21.026Z",
    "endedAt": "2026-12-02T00:07:40.675Z",
    "durationMs": 34,
    "paused": null,
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": null,
    "blockOutputs": null
   }
  }
 },
 "v1 execution after v2 cancel": {
  "request": "GET /api/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/executions/84035ddc-85b0-479d-94b2-8aa4bc961690",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "84035ddc-85b0-479d-94b2-8aa4bc961690",
   "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
   "status": "cancelled",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-02T00:05:57.697Z",
   "endedAt": "2026-12-02T00:06:53.085Z",
   "totalDurationMs": 5705,
   "paused": null,
   "cost": {
    "total": 0.005
   },
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "v1 job after v2 cancel": {
  "request": "GET /api/jobs/workflow-execution%3A84035ddc-85b0-479d-94b2-8aa4bc961690",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "workflow-execution:84035ddc-85b0-479d-94b2-8aa4bc961690",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "correlation": {
     "source": "workflow",
     "requestId": "5eaf4276",
     "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
     "executionId": "84035ddc-85b0-479d-94b2-8aa4bc961690",
     "triggerType": "api"
    },
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8"
   },
   "output": {
    "output": {
     "data": {
      "_resume": {
       "uiUrl": "http://127.0.0.1:3000/resume/df226c92-0b67-4854-97ec-f4929481dc8c/84035ddc-85b0-479d-94b2-8aa4bc961690",
       "apiUrl": "http://127.0.0.1:3000/api/resume/df226c92-0b67-4854-97ec-f4929481dc8c/84035ddc-85b0-479d-94b2-8aa4bc961690/77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "contextId": "77af2c8f-ca02-4d66-8b5c-8c12f4fa904a",
       "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
       "executionId": "84035ddc-85b0-479d-94b2-8aa4bc961690"
      },
      "operation": "human",
      "submission": null,
      "inputFormat": [
       {
        "id": "24d66abc-4fca-4aff-8237-3147e365ea79",
        "name": "approved",
        "type": "boolean",
        "label": "approved",
        "value": "",
        "required": false
       },
       {
        "id": "b82ecba7-33c3-48b9-be5a-05d1af2107dc",
        "name": "comment",
        "type": "string",
        "label": "comment",
        "value": "",
        "required": false
       }
      ],
      "responseStructure": [
       {
        "name": "question",
        "type": "string",
        "value": "Approve V2Cancel?"
       }
      ]
     },
     "status": 200,
     "headers": {
      "Content-Type": "application/json"
     }
    },
    "success": true,
    "executedAt": "2026-12-02T00:06:04.608Z",
    "workflowId": "df226c92-0b67-4854-97ec-f4929481dc8c",
    "executionId": "84035ddc-85b0-479d-94b2-8aa4bc961690"
   }
  }
 },
 "v2 cancel again": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/84035ddc-85b0-479d-94b2-8aa4bc961690/cancel",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "success": true,
    "runId": "84035ddc-85b0-479d-94b2-8aa4bc961690",
    "redisAvailable": true,
    "durablyRecorded": true,
    "locallyAborted": false,
    "pausedCancelled": true,
    "reason": "recorded"
   }
  }
 },
 "v2 resume after cancel": {
  "request": "POST /api/v2/workflows/df226c92-0b67-4854-97ec-f4929481dc8c/runs/84035ddc-85b0-479d-94b2-8aa4bc961690/resume",
  "status": 409,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "error": {
    "code": "CONFLICT",
    "message": "Paused execution is not resumable"
   }
  }
 },
 "v1 async execute waitlong (Wait 60 min async)": {
  "request": "POST /api/workflows/e61edf91-3c18-4217-bc91-997374a3359d/execute",
  "status": 202,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "async": true,
   "jobId": "workflow-execution:ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
   "executionId": "ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
   "message": "Workflow execution queued",
   "statusUrl": "http://127.0.0.1:3000/api/jobs/workflow-execution:ab68e1d8-ecdb-40ad-9587-0ba4dab3afae"
  }
 },
 "execution until paused (poll #1, +1.9s)": {
  "request": "GET /api/workflows/e61edf91-3c18-4217-bc91-997374a3359d/executions/ab68e1d8-ecdb-40ad-9587-0ba4dab3afae?includeOutput=true",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "executionId": "ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
   "workflowId": "e61edf91-3c18-4217-bc91-997374a3359d",
   "status": "paused",
   "trigger": "api",
   "level": "info",
   "startedAt": "2026-12-02T00:07:21.026Z",
   "endedAt": null,
   "totalDurationMs": null,
   "paused": {
    "contextId": "24a87f18-dad3-4144-968f-30d7d5ee6282",
    "pausedAt": "2026-12-02T00:07:21.123Z",
    "resumeAt": "2026-12-02T01:07:21.104Z",
    "pauseKind": "time",
    "blockedOnBlockId": "24a87f18-dad3-4144-968f-30d7d5ee6282",
    "automaticResumeWaitingReason": null,
    "pausedExecutionId": "186feab6-d8a8-49b0-8ac3-410d0f2e7d80",
    "pausePointCount": 1,
    "resumedCount": 0
   },
   "cost": null,
   "error": null,
   "finalOutput": null,
   "blockOutputs": null
  }
 },
 "job of time-paused run": {
  "request": "GET /api/jobs/workflow-execution%3Aab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "taskId": "workflow-execution:ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
   "status": "completed",
   "metadata": {
    "userId": "VCePaRuR4ojVSOEmWqrqn4U9S0Y9zfHA",
    "workflowId": "e61edf91-3c18-4217-bc91-997374a3359d",
    "correlation": {
     "source": "workflow",
     "requestId": "1462933d",
     "workflowId": "e61edf91-3c18-4217-bc91-997374a3359d",
     "executionId": "ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
     "triggerType": "api"
    },
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8"
   },
   "output": {
    "output": {
     "resumeAt": "2026-12-02T01:07:21.104Z",
     "waitDuration": 3600000
    },
    "success": true,
    "executedAt": "2026-12-02T00:07:23.037Z",
    "workflowId": "e61edf91-3c18-4217-bc91-997374a3359d",
    "executionId": "ab68e1d8-ecdb-40ad-9587-0ba4dab3afae"
   }
  }
 },
 "v2 run of time-paused run": {
  "request": "GET /api/v2/workflows/e61edf91-3c18-4217-bc91-997374a3359d/runs/ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "runId": "ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
    "workflowId": "e61edf91-3c18-4217-bc91-997374a3359d",
    "status": "paused",
    "trigger": "api",
    "startedAt": "2026-12-02T00:07:21.026Z",
    "endedAt": "2026-12-02T00:07:21.116Z",
    "durationMs": 34,
    "paused": {
     "contextId": "24a87f18-dad3-4144-968f-30d7d5ee6282",
     "pausedAt": "2026-12-02T00:07:21.123Z",
     "resumeAt": "2026-12-02T01:07:21.104Z",
     "pauseKind": "time",
     "blockedOnBlockId": "24a87f18-dad3-4144-968f-30d7d5ee6282",
     "automaticResumeWaitingReason": null,
     "pausePointCount": 1,
     "resumedCount": 0
    },
    "cost": {
     "total": 0.005
    },
    "error": null,
    "output": null,
    "blockOutputs": null
   }
  }
 },
 "v1 resume time pause": {
  "request": "POST /api/resume/e61edf91-3c18-4217-bc91-997374a3359d/ab68e1d8-ecdb-40ad-9587-0ba4dab3afae/24a87f18-dad3-4144-968f-30d7d5ee6282",
  "status": 404,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "error": "Paused execution not found"
  }
 },
 "v2 resume time pause": {
  "request": "POST /api/v2/workflows/e61edf91-3c18-4217-bc91-997374a3359d/runs/ab68e1d8-ecdb-40ad-9587-0ba4dab3afae/resume",
  "status": 404,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "error": {
    "code": "NOT_FOUND",
    "message": "Paused execution not found"
   }
  }
 },
 "v2 cancel time-paused run": {
  "request": "POST /api/v2/workflows/e61edf91-3c18-4217-bc91-997374a3359d/runs/ab68e1d8-ecdb-40ad-9587-0ba4dab3afae/cancel",
  "status": 200,
  "headers": [
   "cache-control",
   "content-type",
   "x-ratelimit-limit",
   "x-ratelimit-remaining",
   "x-ratelimit-reset",
   "x-request-id"
  ],
  "body": {
   "data": {
    "success": true,
    "runId": "ab68e1d8-ecdb-40ad-9587-0ba4dab3afae",
    "redisAvailable": true,
    "durablyRecorded": true,
    "locallyAborted": false,
    "pausedCancelled": true,
    "reason": "recorded"
   }
  }
 },
 "v1 sync execute waitlong": {
  "request": "POST /api/workflows/e61edf91-3c18-4217-bc91-997374a3359d/execute",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "executionId": "9aea01da-835e-463c-b261-547ca1d8db54",
   "output": {
    "waitDuration": 3600000,
    "resumeAt": "2026-12-02T01:07:42.867Z"
   },
   "metadata": {
    "duration": 41.31957500008866,
    "startTime": "2026-12-02T00:07:42.830Z",
    "endTime": "2026-12-02T00:07:42.872Z"
   }
  }
 },
 "v1 cancel sync time-paused run": {
  "request": "POST /api/workflows/e61edf91-3c18-4217-bc91-997374a3359d/executions/9aea01da-835e-463c-b261-547ca1d8db54/cancel",
  "status": 200,
  "headers": [
   "content-type",
   "x-request-id"
  ],
  "body": {
   "success": true,
   "executionId": "9aea01da-835e-463c-b261-547ca1d8db54",
   "redisAvailable": true,
   "durablyRecorded": true,
   "locallyAborted": false,
   "pausedCancelled": true,
   "reason": "recorded"
  }
 }
};
