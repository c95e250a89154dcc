// The write thread's entry (write-sinks.ts starts it). Plain JavaScript: see connection.mjs.
import { workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { configureConnection } from '../connection.mjs';
import { errorMessage, runJobs } from './write-jobs.mjs';

/**
 * Writes batches of write-behind jobs to the database file on a connection of its own, in
 * the order they come. Each batch is answered on `port` ({ seq, outcomes } or { seq, error }),
 * and only then is `settled[0]` raised to its seq and waiters woken: a thread that sees the
 * number can take the answer off the port at once (ThreadSink.drain). A `{ close: true }`
 * message closes the connection and raises `settled[1]`. `settled[2]` says how the start went
 * (ThreadSink's constructor waits for it): the file opened, or not (and the thread dies).
 */
const FAILED = 1;
const READY = 2;
const { file, port, settled } = workerData;
let db;
try {
  db = new BetterSqlite3(file);
  configureConnection(db, { file: true });
  Atomics.store(settled, 2, READY);
} catch (e) {
  Atomics.store(settled, 2, FAILED);
  throw e;
} finally {
  Atomics.notify(settled, 2);
}
const statements = new Map();

port.on('message', (message) => {
  if (message.close) {
    db.close();
    port.close();
    Atomics.store(settled, 1, 1);
    Atomics.notify(settled, 1);
    return;
  }
  const { seq, jobs } = message;
  let answer;
  try {
    answer = { seq, outcomes: runJobs(db, statements, jobs) };
  } catch (e) {
    answer = { seq, error: errorMessage(e) };
  }
  port.postMessage(answer);
  Atomics.store(settled, 0, seq);
  Atomics.notify(settled, 0);
});
