/**
 * Optimising compilation for runs of many small tests. V8 compiles a
 * function with TurboFan once it has used up a few interrupt budgets of
 * bytecode; a run of small tests (the AArch64 catalogue: 66 tests in well
 * under a second) ends before most of that work pays off, and spends about
 * a third of its time on it. A run of several tests starts with a larger
 * budget and puts V8's own back once it has run for a second or meets a
 * test with many candidates, so that long runs are optimised as before.
 * A run of one test keeps V8's budget (and does not load `node:v8`). The
 * flag is V8's: only the V8 of Node 20, where it was measured, gets it.
 */
import { createRequire } from 'node:module';

/** V8 11.3's interrupt budget (bytecode executed between tiering decisions). */
const V8_BUDGET = 67584;
/** The budget while the command warms up. */
const WARM_UP_BUDGET = 8 * V8_BUDGET;
/** How long (since the process started) the command counts as warming up. */
const WARM_UP_MS = 1000;

export interface Tiering {
  /** Starts the warm-up before a run of `tests` tests. */
  readonly start: (tests: number) => void;
  /** Ends the warm-up once its time is up (call between tests). */
  readonly check: () => void;
  /** Ends the warm-up now (a test with many candidates, the end of the run). */
  readonly end: () => void;
}

/** Warm-up control for this process (nothing happens on other V8 versions). */
export function shortRunTiering(): Tiering {
  let setFlags: ((flags: string) => void) | undefined;
  let warming = false;
  const end = (): void => {
    if (!warming) return;
    warming = false;
    setFlags?.(`--interrupt-budget=${V8_BUDGET}`);
  };
  return {
    start: (tests) => {
      if (warming || tests < 2 || !process.versions.v8.startsWith('11.3.')) return;
      // Loaded only here: `node:v8` costs a few milliseconds to load, a sizeable part of a one-test run.
      setFlags ??= (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString;
      setFlags(`--interrupt-budget=${WARM_UP_BUDGET}`);
      warming = true;
    },
    check: () => {
      if (warming && process.uptime() * 1000 > WARM_UP_MS) end();
    },
    end,
  };
}
