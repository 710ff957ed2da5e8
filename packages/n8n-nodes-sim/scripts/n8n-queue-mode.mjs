// A real n8n deployment in queue mode (n8n's way to scale: https://docs.n8n.io/hosting/scaling/queue-mode/), on this
// machine, loopback only: one main (`n8n start`: editor, REST API, webhooks, triggers; it puts executions on the queue)
// and N workers (`n8n worker`: they take executions from the queue and run them), sharing Redis (the queue, and the
// pub/sub through which the main tells a worker to stop an execution) and Postgres (workflows, credentials,
// executions, trigger state), and one encryption key. Each process has its own user folder with the package installed
// from its `npm pack` tarball as Settings → Community Nodes does (workers load community nodes from their own folder;
// on separate machines or containers every worker needs the package installed).
// Used by scripts/test-real-n8n-queue.mjs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureServerPackages, startPostgres, startRedis } from './queue-services.mjs';
import {
  freePort,
  installCommunityPackage,
  n8nBin,
  n8nCacheDir,
  n8nEnv,
  nodeBinary,
  run,
  startN8nServer,
  startN8nWorker,
} from './real-n8n.mjs';

/**
 * Starts Redis, Postgres, imports `credentials` (n8n encrypts them into Postgres), then the main and `workers` workers
 * (each `workerConcurrency` executions at once). `cleanup()` stops everything it started and removes every folder.
 */
export async function createQueueDeployment({
  line,
  tarball,
  credentials,
  workers = 2,
  workerConcurrency = 1,
  log = console.log,
}) {
  const started = [];
  const root = mkdtempSync(join(tmpdir(), 'sim-n8n-queue-'));
  const deployment = { root, workers: [], main: undefined };
  const cleanup = async () => {
    for (const stop of started.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`cleanup: ${error.message}`);
      }
    }
    started.length = 0;
    rmSync(root, { recursive: true, force: true });
  };
  deployment.cleanup = cleanup;
  try {
    await ensureServerPackages({ log });
    const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
    started.push(
      () => redis.stop(),
      () => postgres.stop(),
    );
    log(`Redis on 127.0.0.1:${redis.port}, Postgres on 127.0.0.1:${postgres.port}`);
    deployment.redis = redis;
    deployment.postgres = postgres;

    const node = await nodeBinary(line);
    const n8nBinPath = n8nBin(n8nCacheDir(line));
    const shared = {
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: postgres.host,
      DB_POSTGRESDB_PORT: String(postgres.port),
      DB_POSTGRESDB_USER: postgres.user,
      DB_POSTGRESDB_DATABASE: postgres.database,
      DB_POSTGRESDB_POOL_SIZE: '4',
      EXECUTIONS_MODE: 'queue',
      QUEUE_BULL_REDIS_HOST: redis.host,
      QUEUE_BULL_REDIS_PORT: String(redis.port),
      N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
      N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
    };
    /** A process's folder, environment (its own task-runner broker port) and the package installed from the tarball. */
    const processFolder = async (name) => {
      const home = join(root, name);
      const userFolder = join(home, 'user');
      mkdirSync(userFolder, { recursive: true });
      await installCommunityPackage({ tarball, userFolder, node });
      const env = {
        ...n8nEnv({ node, root: home, userFolder }),
        ...shared,
        N8N_RUNNERS_BROKER_PORT: String(await freePort()),
      };
      return { home, env };
    };
    const names = ['main', ...Array.from({ length: workers }, (_, i) => `worker-${i + 1}`)];
    const folders = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await processFolder(name)])));

    // the first n8n command migrates the empty database; the credentials are encrypted with the shared key
    const credentialFile = join(root, 'credentials.json');
    writeFileSync(credentialFile, JSON.stringify(credentials, null, 2));
    log('n8n: migrating Postgres and importing credentials…');
    const imported = await run(node, [n8nBinPath, 'import:credentials', `--input=${credentialFile}`], {
      cwd: folders.main.home,
      env: folders.main.env,
      timeoutMs: 300_000,
    });
    rmSync(credentialFile);
    if (imported.code !== 0)
      throw new Error(
        `n8n import:credentials failed:\n${imported.stdout.slice(-3000)}\n${imported.stderr.slice(-3000)}`,
      );

    let mainPort;
    deployment.startMain = async () => {
      const t0 = Date.now();
      const main = await startN8nServer({
        node,
        n8nBinPath,
        cwd: folders.main.home,
        env: folders.main.env,
        log,
        port: mainPort,
      });
      mainPort = Number(new URL(main.url).port);
      started.push(() => main.stop());
      deployment.main = main;
      log(`n8n main ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return main;
    };
    /** Stops the main (SIGTERM, as `docker stop` or systemd would) and starts it again on the same port and database. */
    deployment.restartMain = async () => {
      await deployment.main.stop();
      return await deployment.startMain();
    };
    await deployment.startMain();
    const t0 = Date.now();
    deployment.workers = await Promise.all(
      names.slice(1).map(async (name) => {
        const worker = await startN8nWorker({
          node,
          n8nBinPath,
          cwd: folders[name].home,
          env: folders[name].env,
          log,
          concurrency: workerConcurrency,
          name,
        });
        started.push(() => worker.stop());
        return worker;
      }),
    );
    log(`${workers} n8n workers ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    /** The workers whose log says they ran n8n execution `id`. */
    deployment.workersThatRan = (id) =>
      deployment.workers.filter((w) => w.output().includes(`Worker started execution ${id} `)).map((w) => w.name);
    return deployment;
  } catch (error) {
    await cleanup();
    throw error;
  }
}
