// Redis and Postgres for n8n's queue mode, for the end-to-end test (scripts/test-real-n8n-queue.mjs): Debian's
// packages (`apt-get install -y redis-server postgresql`, done here when they are missing), each server started by
// this process on its own free port on 127.0.0.1, with its data in a temp folder, and stopped (and the folder removed)
// by `stop()`. Nothing here touches a server the machine already runs (Debian's own Postgres cluster, a Redis on 6379).
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, run } from './real-n8n.mjs';

const isRoot = () => process.getuid?.() === 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Debian installs each Postgres major's server programs in /usr/lib/postgresql/<major>/bin (not on PATH): the newest. */
export function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => existsSync(join(root, d, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length) return join(root, majors[0], 'bin');
  return undefined;
}

/** Installs redis-server and postgresql from Debian's packages when they are missing (as root, or through `sudo -n`). */
export async function ensureServerPackages({ log = console.log } = {}) {
  const missing = [];
  if (!onPath('redis-server')) missing.push('redis-server');
  if (!postgresBinDir()) missing.push('postgresql');
  if (!missing.length) return;
  const sudo = isRoot() ? [] : ['sudo', '-n'];
  const apt = async (args) => {
    const [command, ...rest] = [...sudo, 'apt-get', ...args];
    const result = await run(command, rest, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeoutMs: 10 * 60_000,
    });
    if (result.code !== 0)
      throw new Error(`${[command, ...rest].join(' ')} failed (${result.code}):\n${result.stderr.slice(-2000)}`);
  };
  log(`installing ${missing.join(' and ')} from Debian's packages…`);
  try {
    await apt(['install', '-y', '--no-install-recommends', ...missing]);
  } catch {
    // a clean image has no package lists yet
    await apt(['update']);
    await apt(['install', '-y', '--no-install-recommends', ...missing]);
  }
  if (!onPath('redis-server') || !postgresBinDir())
    throw new Error(
      `apt-get installed ${missing.join(' and ')}, but redis-server or Postgres' initdb is still missing`,
    );
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port and answers `probe` as `ready` says. */
function tcpAsk(port, probe, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    const done = (value) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(undefined));
    socket.on('error', () => done(undefined));
    socket.on('connect', () => (probe ? socket.write(probe) : done('')));
    socket.on('data', (d) => {
      answer += d;
      if (answer.includes('\n')) done(answer);
    });
  });
}

/** A spawned server: its output kept (last 20 kB), `exited` known, stopped by a signal to the process. */
function spawnServer(name, command, args, options) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  const keep = (d) => (output = (output + d).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const closed = new Promise((resolve) => child.on('close', () => ((exited = true), resolve())));
  child.on('error', (error) => keep(`\n${name}: ${error.message}\n`));
  return {
    child,
    output: () => output,
    exited: () => exited,
    async stop(signal = 'SIGTERM') {
      if (exited) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

async function waitUntil(what, server, test, timeoutMs) {
  const started = Date.now();
  for (;;) {
    if (server.exited()) throw new Error(`${what} exited before it was ready:\n${server.output().slice(-3000)}`);
    if (await test()) return;
    if (Date.now() - started > timeoutMs)
      throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${server.output().slice(-3000)}`);
    await sleep(100);
  }
}

/** `redis-server` on a free port, no persistence. */
export async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sim-n8n-redis-'));
  const server = spawnServer('redis-server', 'redis-server', [
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ]);
  try {
    await waitUntil('redis-server', server, async () => (await tcpAsk(port, 'PING\r\n'))?.startsWith('+PONG'), 30_000);
  } catch (error) {
    await server.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    output: server.output,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A throwaway Postgres cluster: `initdb` into a temp folder (trust authentication, user `n8n`), `postgres` on a free
 * port on 127.0.0.1 only, its socket in the folder, durability off (a test database), and a database `n8n`. Postgres
 * refuses to run as root: as root, the cluster belongs to Debian's `postgres` user and its programs run as that user.
 */
export async function startPostgres() {
  const bin = postgresBinDir();
  if (!bin) throw new Error('Postgres is not installed (ensureServerPackages installs it)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sim-n8n-pg-'));
  const data = join(dir, 'data');
  const as = {};
  if (isRoot()) {
    as.uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    as.gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, as.uid, as.gid);
  }
  const initdb = await new Promise((resolve) => {
    const child = spawn(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'],
      { ...as, stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ code: -1, output: error.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
  if (initdb.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${initdb.code}):\n${initdb.output.slice(-3000)}`);
  }
  const server = spawnServer(
    'postgres',
    join(bin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=100',
    ],
    { ...as, cwd: dir },
  );
  const psql = (sql, database = 'postgres') =>
    run(
      join(bin, 'psql'),
      ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, '-v', 'ON_ERROR_STOP=1', '-Atc', sql],
      { timeoutMs: 30_000 },
    );
  try {
    await waitUntil('postgres', server, async () => (await psql('select 1')).code === 0, 60_000);
    const created = await psql('CREATE DATABASE n8n');
    if (created.code !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
  } catch (error) {
    await server.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user: 'n8n',
    database: 'n8n',
    psql: (sql) => psql(sql, 'n8n'),
    output: server.output,
    async stop() {
      // SIGINT: Postgres' "fast" shutdown
      await server.stop('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
