/**
 * Verbatim exchanges of the v1 deploy / export / import / rollback routes, recorded on the real server (v0.8.9) on
 * 2026-12-01: sim-server-facts.md section G 18–22, recordings/2026-12-01-paused-runs-selected-outputs-deploy.md
 * section H. Generated from that file. Keyed by the exchange title; `requestBody` is absent where none was sent.
 */
export interface DeployExchange {
  request: string;
  requestBody?: unknown;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const DEPLOY_RECORDINGS: Record<string, DeployExchange> = {
 "v1 deploy (personal key)": {
  "request": "POST /api/v1/workflows/84071a73-fb5e-4b11-93e2-c0a8fefa71eb/deploy",
  "requestBody": {
   "name": "hitl-probe deploy",
   "description": "redeploy via v1"
  },
  "status": 200,
  "headers": {
   "content-type": "application/json",
   "x-ratelimit-limit": "999999",
   "x-ratelimit-remaining": "999998",
   "x-ratelimit-reset": "2026-12-02T00:10:44.931Z",
   "x-request-id": "39dd8e81"
  },
  "body": {
   "data": {
    "id": "84071a73-fb5e-4b11-93e2-c0a8fefa71eb",
    "isDeployed": true,
    "deployedAt": "2026-12-02T00:09:45.949Z",
    "version": 2,
    "warnings": [
     "Deployment activation completed, and post-activation notifications are queued."
    ],
    "activeDeployment": {
     "deploymentVersionId": "a80600b5-a1f4-43d3-af86-baaa333cd74d",
     "version": 2,
     "deployedAt": "2026-12-02T00:09:45.949Z"
    },
    "latestDeploymentAttempt": {
     "id": "ac1ea6c5-b84f-4af2-898b-c72bb516c676",
     "deploymentVersionId": "a80600b5-a1f4-43d3-af86-baaa333cd74d",
     "version": 2,
     "action": "deploy",
     "status": "active",
     "isCurrent": true,
     "readiness": {
      "webhooks": "ready",
      "schedules": "ready",
      "mcp": "ready"
     },
     "requestedAt": "2026-12-02T00:09:44.998Z",
     "activatedAt": "2026-12-02T00:09:45.949Z",
     "error": null
    }
   },
   "limits": {
    "workflowExecutionRateLimit": {
     "sync": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:10:20.737Z"
     },
     "async": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:10:46.977Z"
     }
    },
    "usage": {
     "currentPeriodCost": 0.445,
     "limit": 99999,
     "plan": "free",
     "isExceeded": false
    }
   }
  }
 },
 "v1 deploy (workspace key)": {
  "request": "POST /api/v1/workflows/84071a73-fb5e-4b11-93e2-c0a8fefa71eb/deploy",
  "requestBody": {
   "name": "ws-key deploy"
  },
  "status": 200,
  "headers": {
   "content-type": "application/json",
   "x-ratelimit-limit": "999999",
   "x-ratelimit-remaining": "999997",
   "x-ratelimit-reset": "2026-12-02T00:10:44.931Z",
   "x-request-id": "bf7ca6f8"
  },
  "body": {
   "data": {
    "id": "84071a73-fb5e-4b11-93e2-c0a8fefa71eb",
    "isDeployed": true,
    "deployedAt": "2026-12-02T00:09:51.826Z",
    "version": 3,
    "warnings": [
     "Deployment activation completed, and post-activation notifications are queued."
    ],
    "activeDeployment": {
     "deploymentVersionId": "14b5ccf8-311f-4692-a3d0-b71bfc255e59",
     "version": 3,
     "deployedAt": "2026-12-02T00:09:51.826Z"
    },
    "latestDeploymentAttempt": {
     "id": "f665b013-5061-4d0c-8e79-964aa5df0bf5",
     "deploymentVersionId": "14b5ccf8-311f-4692-a3d0-b71bfc255e59",
     "version": 3,
     "action": "deploy",
     "status": "active",
     "isCurrent": true,
     "readiness": {
      "webhooks": "ready",
      "schedules": "ready",
      "mcp": "ready"
     },
     "requestedAt": "2026-12-02T00:09:51.455Z",
     "activatedAt": "2026-12-02T00:09:51.826Z",
     "error": null
    }
   },
   "limits": {
    "workflowExecutionRateLimit": {
     "sync": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:10:20.737Z"
     },
     "async": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:10:53.967Z"
     }
    },
    "usage": {
     "currentPeriodCost": 0.445,
     "limit": 99999,
     "plan": "free",
     "isExceeded": false
    }
   }
  }
 },
 "v1 export (personal key)": {
  "request": "GET /api/v1/workflows/84071a73-fb5e-4b11-93e2-c0a8fefa71eb/export",
  "status": 200,
  "headers": {
   "content-type": "application/json",
   "x-ratelimit-limit": "999999",
   "x-ratelimit-remaining": "999998",
   "x-ratelimit-reset": "2026-12-02T00:11:44.931Z",
   "x-request-id": "841018cf"
  },
  "body": {
   "data": {
    "version": "1.0",
    "exportedAt": "2026-12-02T00:10:50.977Z",
    "workflow": {
     "id": "84071a73-fb5e-4b11-93e2-c0a8fefa71eb",
     "name": "echo",
     "description": "echo workflow",
     "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
     "folderId": null
    },
    "state": {
     "blocks": {
      "891583a1-dde0-44d2-8267-50b277e07f5a": {
       "id": "891583a1-dde0-44d2-8267-50b277e07f5a",
       "type": "start_trigger",
       "name": "Start",
       "position": {
        "x": 0,
        "y": 0
       },
       "enabled": true,
       "horizontalHandles": true,
       "advancedMode": false,
       "errorEnabled": false,
       "triggerMode": false,
       "height": 0,
       "subBlocks": {
        "inputFormat": {
         "id": "inputFormat",
         "type": "input-format",
         "value": [
          {
           "id": "9931fdfa-2566-4efc-a3cb-f703aa357299",
           "name": "name",
           "type": "string",
           "value": "",
           "collapsed": false
          },
          {
           "id": "40227ad8-ced7-45df-ac29-2fe9168a401c",
           "name": "count",
           "type": "number",
           "value": "",
           "collapsed": false
          }
         ]
        },
        "runMetadata": {
         "id": "runMetadata",
         "type": "switch",
         "value": false
        }
       },
       "outputs": {},
       "data": {},
       "locked": false
      },
      "961074ae-b746-4ad2-84bb-3204f57e7cbb": {
       "id": "961074ae-b746-4ad2-84bb-3204f57e7cbb",
       "type": "function",
       "name": "Function",
       "position": {
        "x": 300,
        "y": 0
       },
       "enabled": true,
       "horizontalHandles": true,
       "advancedMode": false,
       "errorEnabled": false,
       "triggerMode": false,
       "height": 0,
       "subBlocks": {
        "code": {
         "id": "code",
         "type": "code",
         "value": "console.log('echo called'); return { name: <start.name>, count: <start.count>, doubled: (<start.count> || 0) * 2 }"
        },
        "language": {
         "id": "language",
         "type": "dropdown",
         "value": "javascript"
        }
       },
       "outputs": {},
       "data": {},
       "locked": false
      }
     },
     "edges": [
      {
       "id": "3e22b570-c062-4bbf-b8f1-19baab542136",
       "source": "891583a1-dde0-44d2-8267-50b277e07f5a",
       "target": "961074ae-b746-4ad2-84bb-3204f57e7cbb",
       "sourceHandle": "source",
       "targetHandle": "target",
       "type": "default",
       "data": {}
      }
     ],
     "loops": {},
     "parallels": {},
     "metadata": {
      "name": "echo",
      "description": "echo workflow",
      "exportedAt": "2026-12-02T00:10:50.977Z"
     },
     "variables": {}
    }
   },
   "limits": {
    "workflowExecutionRateLimit": {
     "sync": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:11:51.074Z"
     },
     "async": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:11:51.075Z"
     }
    },
    "usage": {
     "currentPeriodCost": 0.445,
     "limit": 99999,
     "plan": "free",
     "isExceeded": false
    }
   }
  }
 },
 "v1 export (workspace key)": {
  "request": "GET /api/v1/workflows/84071a73-fb5e-4b11-93e2-c0a8fefa71eb/export",
  "status": 200,
  "headers": {
   "content-type": "application/json",
   "x-ratelimit-limit": "999999",
   "x-ratelimit-remaining": "999997",
   "x-ratelimit-reset": "2026-12-02T00:11:44.931Z",
   "x-request-id": "392d625b"
  },
  "body": {
   "data": {
    "version": "1.0",
    "exportedAt": "2026-12-02T00:10:52.173Z",
    "workflow": {
     "id": "84071a73-fb5e-4b11-93e2-c0a8fefa71eb",
     "name": "echo",
     "description": "echo workflow",
     "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
     "folderId": null
    },
    "state": {
     "blocks": {
      "891583a1-dde0-44d2-8267-50b277e07f5a": {
       "id": "891583a1-dde0-44d2-8267-50b277e07f5a",
       "type": "start_trigger",
       "name": "Start",
       "position": {
        "x": 0,
        "y": 0
       },
       "enabled": true,
       "horizontalHandles": true,
       "advancedMode": false,
       "errorEnabled": false,
       "triggerMode": false,
       "height": 0,
       "subBlocks": {
        "inputFormat": {
         "id": "inputFormat",
         "type": "input-format",
         "value": [
          {
           "id": "9931fdfa-2566-4efc-a3cb-f703aa357299",
           "name": "name",
           "type": "string",
           "value": "",
           "collapsed": false
          },
          {
           "id": "40227ad8-ced7-45df-ac29-2fe9168a401c",
           "name": "count",
           "type": "number",
           "value": "",
           "collapsed": false
          }
         ]
        },
        "runMetadata": {
         "id": "runMetadata",
         "type": "switch",
         "value": false
        }
       },
       "outputs": {},
       "data": {},
       "locked": false
      },
      "961074ae-b746-4ad2-84bb-3204f57e7cbb": {
       "id": "961074ae-b746-4ad2-84bb-3204f57e7cbb",
       "type": "function",
       "name": "Function",
       "position": {
        "x": 300,
        "y": 0
       },
       "enabled": true,
       "horizontalHandles": true,
       "advancedMode": false,
       "errorEnabled": false,
       "triggerMode": false,
       "height": 0,
       "subBlocks": {
        "code": {
         "id": "code",
         "type": "code",
         "value": "console.log('echo called'); return { name: <start.name>, count: <start.count>, doubled: (<start.count> || 0) * 2 }"
        },
        "language": {
         "id": "language",
         "type": "dropdown",
         "value": "javascript"
        }
       },
       "outputs": {},
       "data": {},
       "locked": false
      }
     },
     "edges": [
      {
       "id": "3e22b570-c062-4bbf-b8f1-19baab542136",
       "source": "891583a1-dde0-44d2-8267-50b277e07f5a",
       "target": "961074ae-b746-4ad2-84bb-3204f57e7cbb",
       "sourceHandle": "source",
       "targetHandle": "target",
       "type": "default",
       "data": {}
      }
     ],
     "loops": {},
     "parallels": {},
     "metadata": {
      "name": "echo",
      "description": "echo workflow",
      "exportedAt": "2026-12-02T00:10:52.173Z"
     },
     "variables": {}
    }
   },
   "limits": {
    "workflowExecutionRateLimit": {
     "sync": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:11:52.277Z"
     },
     "async": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:11:52.280Z"
     }
    },
    "usage": {
     "currentPeriodCost": 0.445,
     "limit": 99999,
     "plan": "free",
     "isExceeded": false
    }
   }
  }
 },
 "v1 import (personal key)": {
  "request": "POST /api/v1/workflows/import",
  "requestBody": {
   "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
   "name": "imported-echo",
   "description": "imported via v1",
   "workflow": {
    "version": "1.0",
    "exportedAt": "2026-12-02T00:10:50.977Z",
    "workflow": {
     "id": "84071a73-fb5e-4b11-93e2-c0a8fefa71eb",
     "name": "echo",
     "description": "echo workflow",
     "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
     "folderId": null
    },
    "state": {
     "blocks": {
      "891583a1-dde0-44d2-8267-50b277e07f5a": {
       "id": "891583a1-dde0-44d2-8267-50b277e07f5a",
       "type": "start_trigger",
       "name": "Start",
       "position": {
        "x": 0,
        "y": 0
       },
       "enabled": true,
       "horizontalHandles": true,
       "advancedMode": false,
       "errorEnabled": false,
       "triggerMode": false,
       "height": 0,
       "subBlocks": {
        "inputFormat": {
         "id": "inputFormat",
         "type": "input-format",
         "value": [
          {
           "id": "9931fdfa-2566-4efc-a3cb-f703aa357299",
           "name": "name",
           "type": "string",
           "value": "",
           "collapsed": false
          },
          {
           "id": "40227ad8-ced7-45df-ac29-2fe9168a401c",
           "name": "count",
           "type": "number",
           "value": "",
           "collapsed": false
          }
         ]
        },
        "runMetadata": {
         "id": "runMetadata",
         "type": "switch",
         "value": false
        }
       },
       "outputs": {},
       "data": {},
       "locked": false
      },
      "961074ae-b746-4ad2-84bb-3204f57e7cbb": {
       "id": "961074ae-b746-4ad2-84bb-3204f57e7cbb",
       "type": "function",
       "name": "Function",
       "position": {
        "x": 300,
        "y": 0
       },
       "enabled": true,
       "horizontalHandles": true,
       "advancedMode": false,
       "errorEnabled": false,
       "triggerMode": false,
       "height": 0,
       "subBlocks": {
        "code": {
         "id": "code",
         "type": "code",
         "value": "console.log('echo called'); return { name: <start.name>, count: <start.count>, doubled: (<start.count> || 0) * 2 }"
        },
        "language": {
         "id": "language",
         "type": "dropdown",
         "value": "javascript"
        }
       },
       "outputs": {},
       "data": {},
       "locked": false
      }
     },
     "edges": [
      {
       "id": "3e22b570-c062-4bbf-b8f1-19baab542136",
       "source": "891583a1-dde0-44d2-8267-50b277e07f5a",
       "target": "961074ae-b746-4ad2-84bb-3204f57e7cbb",
       "sourceHandle": "source",
       "targetHandle": "target",
       "type": "default",
       "data": {}
      }
     ],
     "loops": {},
     "parallels": {},
     "metadata": {
      "name": "echo",
      "description": "echo workflow",
      "exportedAt": "2026-12-02T00:10:50.977Z"
     },
     "variables": {}
    }
   }
  },
  "status": 201,
  "headers": {
   "content-type": "application/json",
   "x-ratelimit-limit": "999999",
   "x-ratelimit-remaining": "999996",
   "x-ratelimit-reset": "2026-12-02T00:11:44.931Z",
   "x-request-id": "41a456a3"
  },
  "body": {
   "data": {
    "id": "a9efc940-9319-40d8-85cc-e99f48544818",
    "name": "imported-echo",
    "description": "imported via v1",
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
    "folderId": null,
    "createdAt": "2026-12-02T00:11:39.891Z",
    "updatedAt": "2026-12-02T00:11:39.891Z"
   },
   "limits": {
    "workflowExecutionRateLimit": {
     "sync": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:12:40.041Z"
     },
     "async": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:12:40.042Z"
     }
    },
    "usage": {
     "currentPeriodCost": 0.445,
     "limit": 99999,
     "plan": "free",
     "isExceeded": false
    }
   }
  }
 },
 "v1 import (workspace key)": {
  "request": "POST /api/v1/workflows/import",
  "requestBody": {
   "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
   "name": "imported-echo-ws",
   "workflow": {
    "version": "1.0",
    "exportedAt": "2026-12-02T00:10:50.977Z",
    "workflow": {
     "id": "84071a73-fb5e-4b11-93e2-c0a8fefa71eb",
     "name": "echo",
     "description": "echo workflow",
     "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
     "folderId": null
    },
    "state": {
     "blocks": {
      "891583a1-dde0-44d2-8267-50b277e07f5a": {
       "id": "891583a1-dde0-44d2-8267-50b277e07f5a",
       "type": "start_trigger",
       "name": "Start",
       "position": {
        "x": 0,
        "y": 0
       },
       "enabled": true,
       "horizontalHandles": true,
       "advancedMode": false,
       "errorEnabled": false,
       "triggerMode": false,
       "height": 0,
       "subBlocks": {
        "inputFormat": {
         "id": "inputFormat",
         "type": "input-format",
         "value": [
          {
           "id": "9931fdfa-2566-4efc-a3cb-f703aa357299",
           "name": "name",
           "type": "string",
           "value": "",
           "collapsed": false
          },
          {
           "id": "40227ad8-ced7-45df-ac29-2fe9168a401c",
           "name": "count",
           "type": "number",
           "value": "",
           "collapsed": false
          }
         ]
        },
        "runMetadata": {
         "id": "runMetadata",
         "type": "switch",
         "value": false
        }
       },
       "outputs": {},
       "data": {},
       "locked": false
      },
      "961074ae-b746-4ad2-84bb-3204f57e7cbb": {
       "id": "961074ae-b746-4ad2-84bb-3204f57e7cbb",
       "type": "function",
       "name": "Function",
       "position": {
        "x": 300,
        "y": 0
       },
       "enabled": true,
       "horizontalHandles": true,
       "advancedMode": false,
       "errorEnabled": false,
       "triggerMode": false,
       "height": 0,
       "subBlocks": {
        "code": {
         "id": "code",
         "type": "code",
         "value": "console.log('echo called'); return { name: <start.name>, count: <start.count>, doubled: (<start.count> || 0) * 2 }"
        },
        "language": {
         "id": "language",
         "type": "dropdown",
         "value": "javascript"
        }
       },
       "outputs": {},
       "data": {},
       "locked": false
      }
     },
     "edges": [
      {
       "id": "3e22b570-c062-4bbf-b8f1-19baab542136",
       "source": "891583a1-dde0-44d2-8267-50b277e07f5a",
       "target": "961074ae-b746-4ad2-84bb-3204f57e7cbb",
       "sourceHandle": "source",
       "targetHandle": "target",
       "type": "default",
       "data": {}
      }
     ],
     "loops": {},
     "parallels": {},
     "metadata": {
      "name": "echo",
      "description": "echo workflow",
      "exportedAt": "2026-12-02T00:10:50.977Z"
     },
     "variables": {}
    }
   }
  },
  "status": 201,
  "headers": {
   "content-type": "application/json",
   "x-ratelimit-limit": "999999",
   "x-ratelimit-remaining": "999995",
   "x-ratelimit-reset": "2026-12-02T00:11:44.931Z",
   "x-request-id": "5101b85c"
  },
  "body": {
   "data": {
    "id": "8bc213f7-3882-4a12-98ea-4f3d17b4daa3",
    "name": "imported-echo-ws",
    "description": "echo workflow",
    "workspaceId": "bec8a334-77e4-42b4-8e5c-93235d4c1bb8",
    "folderId": null,
    "createdAt": "2026-12-02T00:11:40.498Z",
    "updatedAt": "2026-12-02T00:11:40.498Z"
   },
   "limits": {
    "workflowExecutionRateLimit": {
     "sync": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:12:40.585Z"
     },
     "async": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:12:40.586Z"
     }
    },
    "usage": {
     "currentPeriodCost": 0.445,
     "limit": 99999,
     "plan": "free",
     "isExceeded": false
    }
   }
  }
 },
 "v1 rollback (personal key, no body)": {
  "request": "POST /api/v1/workflows/84071a73-fb5e-4b11-93e2-c0a8fefa71eb/rollback",
  "status": 200,
  "headers": {
   "content-type": "application/json",
   "x-ratelimit-limit": "999999",
   "x-ratelimit-remaining": "999998",
   "x-ratelimit-reset": "2026-12-02T00:12:44.931Z",
   "x-request-id": "9d7e3349"
  },
  "body": {
   "data": {
    "id": "84071a73-fb5e-4b11-93e2-c0a8fefa71eb",
    "isDeployed": true,
    "deployedAt": "2026-12-02T00:12:11.367Z",
    "version": 2,
    "warnings": [
     "Deployment activation completed, and post-activation notifications are queued."
    ],
    "activeDeployment": {
     "deploymentVersionId": "a80600b5-a1f4-43d3-af86-baaa333cd74d",
     "version": 2,
     "deployedAt": "2026-12-02T00:12:11.367Z"
    },
    "latestDeploymentAttempt": {
     "id": "43603130-caf6-4241-857e-1ba9dfd4c78b",
     "deploymentVersionId": "a80600b5-a1f4-43d3-af86-baaa333cd74d",
     "version": 2,
     "action": "activate",
     "status": "active",
     "isCurrent": true,
     "readiness": {
      "webhooks": "ready",
      "schedules": "ready",
      "mcp": "ready"
     },
     "requestedAt": "2026-12-02T00:12:11.107Z",
     "activatedAt": "2026-12-02T00:12:11.367Z",
     "error": null
    }
   },
   "limits": {
    "workflowExecutionRateLimit": {
     "sync": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:13:11.800Z"
     },
     "async": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:13:11.801Z"
     }
    },
    "usage": {
     "currentPeriodCost": 0.445,
     "limit": 99999,
     "plan": "free",
     "isExceeded": false
    }
   }
  }
 },
 "v1 rollback (workspace key)": {
  "request": "POST /api/v1/workflows/84071a73-fb5e-4b11-93e2-c0a8fefa71eb/rollback",
  "requestBody": {},
  "status": 200,
  "headers": {
   "content-type": "application/json",
   "x-ratelimit-limit": "999999",
   "x-ratelimit-remaining": "999997",
   "x-ratelimit-reset": "2026-12-02T00:12:44.931Z",
   "x-request-id": "99f4e02b"
  },
  "body": {
   "data": {
    "id": "84071a73-fb5e-4b11-93e2-c0a8fefa71eb",
    "isDeployed": true,
    "deployedAt": "2026-12-02T00:12:13.676Z",
    "version": 1,
    "warnings": [
     "Deployment activation completed, and post-activation notifications are queued."
    ],
    "activeDeployment": {
     "deploymentVersionId": "8347b0f1-51ab-4cb8-8c02-beb500bc7dbe",
     "version": 1,
     "deployedAt": "2026-12-02T00:12:13.676Z"
    },
    "latestDeploymentAttempt": {
     "id": "702b2e9a-39d4-42c5-b676-1e49d5578335",
     "deploymentVersionId": "8347b0f1-51ab-4cb8-8c02-beb500bc7dbe",
     "version": 1,
     "action": "activate",
     "status": "active",
     "isCurrent": true,
     "readiness": {
      "webhooks": "ready",
      "schedules": "ready",
      "mcp": "ready"
     },
     "requestedAt": "2026-12-02T00:12:13.404Z",
     "activatedAt": "2026-12-02T00:12:13.676Z",
     "error": null
    }
   },
   "limits": {
    "workflowExecutionRateLimit": {
     "sync": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:13:13.974Z"
     },
     "async": {
      "requestsPerMinute": 999999,
      "maxBurst": 999999,
      "remaining": 999999,
      "resetAt": "2026-12-02T00:13:13.975Z"
     }
    },
    "usage": {
     "currentPeriodCost": 0.445,
     "limit": 99999,
     "plan": "free",
     "isExceeded": false
    }
   }
  }
 }
};
