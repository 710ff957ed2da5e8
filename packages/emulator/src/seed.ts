/** The fixed seed contract: every package's tests rely on these names. Add to it, never rename. */
export const SEED = {
  /** A workspace API key (the kind the recordings used by default). */
  apiKey: 'sk-sim-emulator-key',
  /** A workspace API key whose user is an enterprise organization admin (audit logs allowed). */
  enterpriseApiKey: 'sk-sim-emulator-enterprise',
  /** A personal API key of the same user as `apiKey` (v2 deploy, rollback and undeploy take only personal keys). */
  personalApiKey: 'sk-sim-emulator-personal',
  workspaceId: 'ws-emulator',
  otherWorkspaceId: 'ws-emulator-2',
  folderId: 'folder-emulator',
  workflows: {
    echo: 'wf-echo',
    echoResponse: 'wf-echo-response',
    slow: 'wf-slow',
    fail: 'wf-fail',
    stream: 'wf-stream',
    typed: 'wf-typed',
    undeployed: 'wf-undeployed',
    /** Start → Prep → Human (human_in_the_loop) → After: pauses for a person (recordings/sim-server-facts.md §G). */
    hitl: 'wf-hitl',
    /** Start → Wait (async, time pause with `resumeAt`; input `waitMs`, default 60 min) → Function (recordings/sim-server-facts.md §G.14). */
    waitlong: 'wf-waitlong',
  },
} as const;

export type Seed = typeof SEED;

/** Folder names (a v2 `folderPath` is `/` plus the encoded folder names; Sim's `buildFolderPath`). */
const FOLDER_NAMES: Record<string, string> = { [SEED.folderId]: 'emulator-folder' };

/** A workflow's v2 `folderPath`: `/` at the workspace root, else `/<folder name>`. */
export function folderPath(folderId: string | null): string {
  const name = folderId === null ? undefined : FOLDER_NAMES[folderId];
  return name === undefined ? '/' : `/${encodeURIComponent(name)}`;
}

/** The folder id of a v2 `folderPath` (`/` → null), or undefined when no folder has that path. */
export function folderIdOfPath(path: string): string | null | undefined {
  if (path === '/') return null;
  return Object.keys(FOLDER_NAMES).find((id) => folderPath(id) === path);
}

export type Behaviour = 'echo' | 'echo-response' | 'slow' | 'fail' | 'stream' | 'hitl' | 'waitlong';

export interface InputField {
  id: string;
  name: string;
  type: string;
  description?: string;
}

export interface BlockDef {
  id: string;
  name: string;
  type: string;
}

export interface WorkflowDef {
  id: string;
  name: string;
  description: string;
  color: string;
  folderId: string | null;
  workspaceId: string;
  isDeployed: boolean;
  deployedAt: string | null;
  createdAt: string;
  updatedAt: string;
  sortOrder: number;
  behaviour: Behaviour;
  inputs: InputField[];
  blocks: BlockDef[];
}

export interface ApiKeyDef {
  key: string;
  /** `workspace`: created under a workspace; `personal`: created by a user for themselves (Sim's two key kinds). */
  keyType: 'workspace' | 'personal';
  userId: string;
  /** The user's display name (v2 versions' `deployedBy`). */
  userName: string;
  plan: string;
  enterprise: boolean;
  workspaces: string[];
}

export const API_KEYS: readonly ApiKeyDef[] = [
  {
    key: SEED.apiKey,
    keyType: 'workspace',
    userId: 'user-emulator',
    userName: 'Emulator User',
    plan: 'pro',
    enterprise: false,
    workspaces: [SEED.workspaceId, SEED.otherWorkspaceId],
  },
  {
    key: SEED.enterpriseApiKey,
    keyType: 'workspace',
    userId: 'user-emulator-admin',
    userName: 'Emulator Admin',
    plan: 'enterprise',
    enterprise: true,
    workspaces: [SEED.workspaceId, SEED.otherWorkspaceId],
  },
  {
    key: SEED.personalApiKey,
    keyType: 'personal',
    userId: 'user-emulator',
    userName: 'Emulator User',
    plan: 'pro',
    enterprise: false,
    workspaces: [SEED.workspaceId, SEED.otherWorkspaceId],
  },
];

const field = (wf: string, name: string, type: string, description?: string): InputField =>
  description === undefined
    ? { id: `${wf}-in-${name}`, name, type }
    : { id: `${wf}-in-${name}`, name, type, description };

const start = (wf: string): BlockDef => ({ id: `${wf}-start`, name: 'Start', type: 'start_trigger' });
const fn = (wf: string): BlockDef => ({ id: `${wf}-function`, name: 'Function', type: 'function' });

const BASE = Date.parse('2026-01-05T09:00:00.000Z');
const day = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const COLORS = ['#33c482', '#ef4444', '#3972f6', '#f59e0b', '#8b5cf6', '#14b8a6'];

interface Partial {
  id: string;
  name: string;
  description?: string;
  behaviour: Behaviour;
  inputs: InputField[];
  blocks: BlockDef[];
  folderId?: string | null;
  workspaceId?: string;
  isDeployed?: boolean;
}

function seedList(): Partial[] {
  const w = SEED.workflows;
  const echoInputs = (id: string) => [field(id, 'name', 'string'), field(id, 'count', 'number')];
  const list: Partial[] = [
    {
      id: w.echo,
      name: 'echo',
      description: 'Echoes its input and doubles count',
      behaviour: 'echo',
      inputs: echoInputs(w.echo),
      blocks: [start(w.echo), fn(w.echo)],
    },
    {
      id: w.echoResponse,
      name: 'echo-response',
      description: 'Echo answered through a Response block',
      behaviour: 'echo-response',
      inputs: echoInputs(w.echoResponse),
      blocks: [
        start(w.echoResponse),
        fn(w.echoResponse),
        { id: `${w.echoResponse}-response`, name: 'Response', type: 'response' },
      ],
    },
    {
      id: w.slow,
      name: 'slow',
      description: 'Waits input.delayMs, then echoes',
      behaviour: 'slow',
      inputs: [...echoInputs(w.slow), field(w.slow, 'delayMs', 'number')],
      blocks: [start(w.slow), { id: `${w.slow}-wait`, name: 'Wait', type: 'wait' }, fn(w.slow)],
    },
    {
      id: w.fail,
      name: 'fail',
      description: 'Always throws boom',
      behaviour: 'fail',
      inputs: [field(w.fail, 'name', 'string')],
      blocks: [start(w.fail), fn(w.fail)],
    },
    {
      id: w.stream,
      name: 'stream',
      description: 'Streams input.chunks chunks from an agent block',
      behaviour: 'stream',
      inputs: [
        field(w.stream, 'chunks', 'number'),
        field(w.stream, 'chunkSize', 'number'),
        field(w.stream, 'chunkDelayMs', 'number'),
      ],
      blocks: [start(w.stream), { id: 'agent-1', name: 'Agent', type: 'agent' }],
    },
    {
      id: w.typed,
      name: 'typed',
      description: 'One input of every type',
      behaviour: 'echo',
      inputs: [
        field(w.typed, 'text', 'string', 'Some text'),
        field(w.typed, 'amount', 'number'),
        field(w.typed, 'flag', 'boolean'),
        field(w.typed, 'meta', 'object'),
        field(w.typed, 'tags', 'array'),
        field(w.typed, 'attachment', 'file'),
      ],
      blocks: [start(w.typed), fn(w.typed)],
    },
    {
      id: w.undeployed,
      name: 'undeployed',
      description: 'Never deployed',
      behaviour: 'echo',
      isDeployed: false,
      inputs: echoInputs(w.undeployed),
      blocks: [start(w.undeployed), fn(w.undeployed)],
    },
  ];
  for (let i = 1; i <= 8; i++) {
    const id = `wf-filler-${i}`;
    list.push({
      id,
      name: `filler ${i}`,
      behaviour: 'echo',
      inputs: echoInputs(id),
      blocks: [start(id), fn(id)],
      folderId: i <= 3 ? SEED.folderId : null,
      isDeployed: !(i === 4 || i === 7),
    });
  }
  for (let i = 1; i <= 2; i++) {
    const id = `wf-other-${i}`;
    list.push({
      id,
      name: `other ${i}`,
      behaviour: 'echo',
      inputs: echoInputs(id),
      blocks: [start(id), fn(id)],
      workspaceId: SEED.otherWorkspaceId,
    });
  }
  return list;
}

/** The workflows that pause (recordings/sim-server-facts.md §G). They come last and have no seeded logs, so the older seed stays as it was. */
function pausingList(): Partial[] {
  const w = SEED.workflows;
  return [
    {
      id: w.hitl,
      name: 'hitl',
      description: 'Prep, then waits for a person (Human block), then After',
      behaviour: 'hitl',
      inputs: [field(w.hitl, 'name', 'string')],
      blocks: [
        start(w.hitl),
        { id: `${w.hitl}-prep`, name: 'Prep', type: 'function' },
        { id: `${w.hitl}-human`, name: 'Human', type: 'human_in_the_loop' },
        { id: `${w.hitl}-after`, name: 'After', type: 'function' },
      ],
    },
    {
      id: w.waitlong,
      name: 'waitlong',
      description: 'Waits (async Wait block: a time pause), then a Function',
      behaviour: 'waitlong',
      inputs: [field(w.waitlong, 'name', 'string'), field(w.waitlong, 'waitMs', 'number')],
      blocks: [start(w.waitlong), { id: `${w.waitlong}-wait`, name: 'Wait', type: 'wait' }, fn(w.waitlong)],
    },
  ];
}

/** Workflows whose runs can pause (they get no seeded log entries). */
export const PAUSING_BEHAVIOURS: ReadonlySet<Behaviour> = new Set(['hitl', 'waitlong']);

/** Seeded workflows, in sidebar order (ascending sortOrder: the first is listed first). */
export function seedWorkflows(): WorkflowDef[] {
  const list = seedList();
  const pausing = pausingList().map((p, j): WorkflowDef => {
    const createdAt = BASE + (list.length + 10 + j) * day;
    return {
      id: p.id,
      name: p.name,
      description: p.description ?? '',
      color: COLORS[j % COLORS.length]!,
      folderId: null,
      workspaceId: SEED.workspaceId,
      isDeployed: true,
      deployedAt: iso(createdAt + 3_600_000),
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt + 1_800_000),
      sortOrder: j + 1,
      behaviour: p.behaviour,
      inputs: p.inputs,
      blocks: p.blocks,
    };
  });
  return [...seedOriginal(list), ...pausing];
}

function seedOriginal(list: Partial[]): WorkflowDef[] {
  return list.map((p, i) => {
    const createdAt = BASE + (list.length - i) * day;
    const isDeployed = p.isDeployed ?? true;
    return {
      id: p.id,
      name: p.name,
      description: p.description ?? '',
      color: COLORS[i % COLORS.length]!,
      folderId: p.folderId ?? null,
      workspaceId: p.workspaceId ?? SEED.workspaceId,
      isDeployed,
      deployedAt: isDeployed ? iso(createdAt + 3_600_000) : null,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt + 1_800_000),
      sortOrder: i - list.length,
      behaviour: p.behaviour,
      inputs: p.inputs,
      blocks: p.blocks,
    };
  });
}
