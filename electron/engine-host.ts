/** Worker-thread entry: runs the real engine off the main process's thread. */
import { parentPort } from 'node:worker_threads';
import { LedgerEngine } from '../shared/engine/ledger-engine';
import { serveEngine } from './engine-protocol';

if (!parentPort) throw new Error('engine-host must run as a worker thread.');
serveEngine(parentPort, new LedgerEngine());
