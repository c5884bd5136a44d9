#!/usr/bin/env node
/** Entry point of the `weakmem` command. */
import { writeSync } from 'node:fs';
import { main } from './cli/main.js';
import { shortRunTiering } from './cli/tiering.js';

/**
 * Writes to a file descriptor synchronously: a short run need not load
 * the stream machinery behind `process.stdout`. A closed pipe (`| head`)
 * ends the output quietly.
 */
function writer(fd: number): (s: string) => void {
  let closed = false;
  return (s) => {
    const buf = Buffer.from(s);
    for (let off = 0; off < buf.length && !closed; ) {
      try {
        off += writeSync(fd, buf, off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') closed = true;
        else if (code !== 'EAGAIN') throw e;
      }
    }
  };
}

const tiering = shortRunTiering();
try {
  process.exitCode = main(process.argv.slice(2), { out: writer(1), err: writer(2), tiering });
} finally {
  // V8's own budget again, before the launcher may save the code cache (the flags are part of its key).
  tiering.end();
}
