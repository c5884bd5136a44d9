#!/usr/bin/env node
/** Entry point of the `weakmem` command. */
import { main } from './cli/main.js';

const code = main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
process.exitCode = code;
