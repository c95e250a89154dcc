import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { isProcessAlive } from '../process-alive.js';

/** Who holds a data directory: its process, and where it serves once it listens. */
export interface LockHolder {
  pid: number;
  url?: string;
}

/** Another eksid holds the data directory; `holder` is what it recorded (undefined: it said nothing in time). */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | undefined,
  ) {
    const who = holder === undefined ? 'another eksid' : `eksid pid ${holder.pid}${holder.url === undefined ? ' (starting)' : ` at ${holder.url}`}`;
    super(`data directory ${dir} is in use by ${who}`);
    this.name = 'DataDirInUseError';
  }
}

const LOCK_FILE = 'eksid.lock';
const HOLDER_FILE = 'eksid.lock.json';
/** How long a start that lost the lock waits for the holder to say who it is (it does within ms of winning). */
const HOLDER_WAIT_MS = 3_000;
const HOLDER_POLL_MS = 25;

/**
 * One eksid per data directory. Two processes on one directory each cache what they read
 * (read-cache.ts) and would go on issuing credentials the other has revoked, and two first
 * starts would run the migrations at once.
 *
 * The lock is SQLite's own: `<dir>/eksid.lock` is opened in exclusive locking mode and written
 * once, so the connection holds an fcntl lock on it for as long as it is open. The kernel
 * lets go of it when the process dies, however it dies (kill -9 included), so there is no
 * stale lock to detect and a restart never waits. `<dir>/eksid.lock.json` says who holds it,
 * for the message another start prints.
 */
export class DataDirLock {
  private constructor(
    private readonly dir: string,
    private readonly db: BetterSqlite3.Database,
  ) {}

  /** Takes the directory's lock, or throws DataDirInUseError naming the holder. */
  static acquire(dir: string): DataDirLock {
    mkdirSync(dir, { recursive: true });
    const db = new BetterSqlite3(join(dir, LOCK_FILE));
    try {
      db.pragma('busy_timeout = 0');
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = MEMORY');
      db.exec('CREATE TABLE IF NOT EXISTS held (n INTEGER); DELETE FROM held;');
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
      throw new DataDirInUseError(dir, waitForHolder(dir));
    }
    const lock = new DataDirLock(dir, db);
    lock.record({ pid: process.pid });
    return lock;
  }

  /** Says who holds the directory now (called again once the server listens, with its URL). */
  record(holder: LockHolder): void {
    const file = join(this.dir, HOLDER_FILE);
    // Written whole then renamed, so a reader never sees half of it.
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(holder));
    renameSync(`${file}.${process.pid}`, file);
  }

  release(): void {
    if (!this.db.open) return;
    rmSync(join(this.dir, HOLDER_FILE), { force: true });
    this.db.close();
  }
}

/** The holder as it recorded itself, once that record names a live process and its URL; or what there is after HOLDER_WAIT_MS. */
function waitForHolder(dir: string): LockHolder | undefined {
  const deadline = Date.now() + HOLDER_WAIT_MS;
  let holder = readHolder(dir);
  while (!(holder?.url !== undefined && isProcessAlive(holder.pid)) && Date.now() < deadline) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, HOLDER_POLL_MS);
    holder = readHolder(dir);
  }
  return holder !== undefined && isProcessAlive(holder.pid) ? holder : undefined;
}

function readHolder(dir: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, HOLDER_FILE), 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || !Number.isInteger((parsed as LockHolder).pid)) return undefined;
    const { pid, url } = parsed as LockHolder;
    return typeof url === 'string' ? { pid, url } : { pid };
  } catch {
    return undefined;
  }
}
