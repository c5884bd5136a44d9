#!/usr/bin/env node
// Starts the weakmem command from its one-file bundle (dist/cli/weakmem.cjs),
// compiled through V8's code cache: Node 20 has no built-in compile cache, and
// compiling the bundle is most of a short run's start-up. The build makes the
// cache from a run of the shipped examples (scripts/postbuild.mjs); a Node of
// another version makes its own on its first run that checks tests. When the
// cache cannot be written, weakmem simply compiles each time.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { isAscii } = require('node:buffer');

const file = path.join(__dirname, '..', 'dist', 'cli', 'weakmem.cjs');
const cacheFile = `${file}.${process.version}.cache`;
const bytes = fs.readFileSync(file);
// esbuild writes ASCII (it escapes other characters): decoded as latin1, it is the same string, sooner.
const source = (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')).replace(/^#!.*/, '');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// CommonJS's own module wrapper, written out: `node:module` (Module.wrap) costs a load of its own.
const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
const script = new vm.Script(wrapped, { filename: file, cachedData });
const run = script.runInThisContext();
const mod = { exports: {} };
// The bundle requires only Node's modules and @viz-js/viz, which resolve the same from bin/ as from dist/cli/.
run.call(mod.exports, mod.exports, require, mod, file, path.dirname(file));
// Written after a command that checks tests, so that the cache holds the checker's code: made after
// `weakmem --version`, it would hold little more than the option parser, and stay so.
if ((cachedData === undefined || script.cachedDataRejected) && ['run', 'explain', 'fix'].includes(process.argv[2] ?? '')) {
  try {
    // Written aside, then renamed: a run started meanwhile never reads half a cache.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cacheFile);
  } catch {
    // read-only install: no cache
  }
}
