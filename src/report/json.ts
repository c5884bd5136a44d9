/**
 * The JSON form of a result (`--json`). Schema, version 1:
 * `{ schema: "weakmem.result/1", test, arch, file, kind, condition, keys,
 *    states: [{ values: {key: value}, satisfies }], ok, loop, positive, negative,
 *    observation: { word, true, false }, flags, candidates, timeSeconds, hash }`.
 * Values are numbers, or strings naming a location.
 */
import type { TestResult } from '../check/types.js';

export const RESULT_SCHEMA = 'weakmem.result/1';

export function resultJson(r: TestResult): unknown {
  return {
    schema: RESULT_SCHEMA,
    test: r.name,
    arch: r.arch,
    file: r.file,
    kind: r.kind,
    condition: r.conditionText,
    keys: r.keys,
    states: r.states.map((s) => ({
      values: Object.fromEntries(s.values.map((v, i) => [r.keys[i] ?? String(i), v])),
      satisfies: s.satisfies,
    })),
    ok: r.ok,
    loop: r.loop,
    positive: r.positive,
    negative: r.negative,
    observation: { word: r.observation, true: r.propTrue, false: r.propFalse },
    flags: r.flags,
    candidates: r.candidates,
    timeSeconds: Number(r.timeSeconds.toFixed(4)),
    hash: r.hash,
  };
}
