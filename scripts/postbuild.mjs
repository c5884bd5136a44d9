// Marks the command's entry points executable after the build has written them.
import { chmodSync, existsSync } from 'node:fs';

for (const f of ['../dist/cli.js', '../bin/weakmem.cjs']) {
  const p = new URL(f, import.meta.url);
  if (existsSync(p)) chmodSync(p, 0o755);
}
