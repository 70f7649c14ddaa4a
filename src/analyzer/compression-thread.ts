/**
 * Compression-thread entry (bundled to dist/compression-thread.js): compresses a streamed compressionRatio's
 * texts (metrics/double-gzip.ts). A bundle of its own because the thread only runs zlib: started from the
 * analyzer's worker bundle (~400 KB), it compiled all of it and built that bundle's tables (two 64 Ki-entry
 * character tables, the phrase patterns) on loading, about 75 ms of CPU for a thread whose own work is ~100 ms.
 */
import { parentPort } from 'node:worker_threads';
import { serveDoubleGzip } from './metrics/double-gzip';

if (parentPort) serveDoubleGzip(parentPort);
