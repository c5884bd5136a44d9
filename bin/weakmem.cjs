#!/usr/bin/env node
// Starts the weakmem command from its one-file bundle (dist/cli/weakmem.cjs),
// compiled through V8's code cache: Node 20 has no built-in compile cache, and
// compiling the bundle is most of a short run's start-up. The cache sits next
// to the bundle; when it cannot be written, weakmem simply compiles each time.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
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
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const run = script.runInThisContext();
const mod = { exports: {} };
run.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
if (cachedData === undefined || script.cachedDataRejected) {
  try {
    fs.writeFileSync(cacheFile, script.createCachedData());
  } catch {
    // read-only install: no cache
  }
}
