import { lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { isProcessAlive } from '../process-alive.js';
import { ADMIN_TOKEN_VARIABLE } from './admin-token.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * How clients on the machine `eksid up` runs on find its admin token without being told:
 * `up` writes one small file per listening port into a directory only its user can read,
 * and removes it when it stops. Another user sees neither the directory's files nor the
 * token; a file whose process is gone is ignored.
 */
export interface DiscoveryEntry {
  /** The public URL, what clients are usually given. */
  url: string;
  /** The port `up` listens on: a client pointed at loopback on it reaches this server. */
  port: number;
  pid: number;
  adminToken: string;
}

const POSIX = process.platform !== 'win32';

/**
 * Where entries are written, first: $XDG_RUNTIME_DIR/eksid (per user, gone at logout) when set,
 * else <tmpdir>/eksid-<uid>. Readers look in both, so a client whose environment lacks
 * XDG_RUNTIME_DIR (a cron job, an IDE's test runner) still finds a server started in a login shell.
 */
export function discoveryDirs(env: Env = process.env): string[] {
  const runtime = env['XDG_RUNTIME_DIR'];
  const temporary = join(tmpdir(), `eksid-${process.getuid?.() ?? userInfo().username}`);
  return runtime && isAbsolute(runtime) ? [join(runtime, 'eksid'), temporary] : [temporary];
}

/** Owned by us, a real directory (not a link another user planted), and closed to others. */
function isPrivateDir(dir: string): boolean {
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return false;
    return !POSIX || (stat.uid === process.getuid?.() && (stat.mode & 0o077) === 0);
  } catch {
    return false;
  }
}

function isOwnFile(file: string): boolean {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && (!POSIX || stat.uid === process.getuid?.());
  } catch {
    return false;
  }
}

/**
 * Writes `entry` as `<dir>/<port>.json`, mode 0600, and returns its path. Throws when the
 * directory exists but is not private to this user: writing the token there would publish it.
 */
export function writeDiscovery(entry: DiscoveryEntry, dir = discoveryDirs()[0] as string): string {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (!isPrivateDir(dir)) throw new Error(`${dir} is not a directory only this user can read (owner, mode 0700)`);
  const file = join(dir, `${entry.port}.json`);
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, JSON.stringify(entry), { mode: 0o600, flag: 'w' });
  renameSync(staging, file);
  return file;
}

/** Removes the file `writeDiscovery` wrote, unless another server has taken the port's file since. */
export function removeDiscovery(file: string, pid = process.pid): void {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<DiscoveryEntry>;
    if (entry.pid === pid) unlinkSync(file);
  } catch {
    // Already gone, or never ours: nothing to clean.
  }
}

function entryOf(file: string): DiscoveryEntry | undefined {
  if (!isOwnFile(file)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<DiscoveryEntry>;
    const { url, port, pid, adminToken } = raw;
    if (typeof url !== 'string' || typeof port !== 'number' || typeof pid !== 'number' || typeof adminToken !== 'string') return undefined;
    return isProcessAlive(pid) ? { url, port, pid, adminToken } : undefined;
  } catch {
    return undefined;
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/**
 * The running server `endpoint` reaches, as `up` announced it on this machine: the one whose
 * public URL it is, or, for a loopback endpoint, the one listening on its port.
 */
export function findDiscovered(endpoint: string, dirs: readonly string[] = discoveryDirs()): DiscoveryEntry | undefined {
  let target: URL;
  try {
    target = new URL(endpoint);
  } catch {
    return undefined;
  }
  for (const dir of dirs) {
    const found = findIn(dir, target);
    if (found) return found;
  }
  return undefined;
}

function findIn(dir: string, target: URL): DiscoveryEntry | undefined {
  if (!isPrivateDir(dir)) return undefined;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return undefined;
  }
  const loopback = LOOPBACK.test(target.hostname);
  // The loopback port's own file first: it is the one that answers there.
  const ordered = loopback ? [`${portOf(target)}.json`, ...names] : names;
  for (const name of ordered) {
    const entry = entryOf(join(dir, name));
    if (entry === undefined) continue;
    if (new URL(entry.url).origin === target.origin) return entry;
    if (loopback && entry.port === portOf(target)) return entry;
  }
  return undefined;
}

/**
 * The admin token a client sends to `endpoint`, first found wins: the flag, then
 * $EKSID_ADMIN_TOKEN (empty is unset), then what `up` announced on this machine.
 */
export function resolveAdminToken(flag: string | undefined, env: Env, endpoint: string, dirs: readonly string[] = discoveryDirs(env)): string | undefined {
  if (flag) return flag;
  const variable = env[ADMIN_TOKEN_VARIABLE];
  if (variable) return variable;
  return findDiscovered(endpoint, dirs)?.adminToken;
}
