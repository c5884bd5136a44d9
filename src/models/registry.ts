/** The list of built-in models and the texts of their files. */
import type { BuiltinModel } from './index.js';
import { ARMV8_CAT } from './armv8-cat.js';
import { KERNEL_LOCKS_CAT } from './kernel-locks-cat.js';
import { LKMM_BELL } from './lkmm-bell.js';
import { LKMM_CAT } from './lkmm-cat.js';
import { LKMM_DEF } from './lkmm-def.js';
import { SC_CAT } from './sc-cat.js';
import { TSO_CAT } from './tso-cat.js';

/**
 * File names start with `weakmem-` so that they never shadow a file of
 * herd's library (`stdlib.cat`, `cos.cat`, `linux-kernel.cat`...) that a
 * user's model includes.
 */
export const LKMM_FILES = {
  cat: 'weakmem-lkmm.cat',
  bell: 'weakmem-lkmm.bell',
  macros: 'weakmem-lkmm.def',
} as const;
export const KERNEL_LOCKS_FILE = 'weakmem-kernel-locks.cat';
export const SC_FILE = 'weakmem-sc.cat';
export const ARMV8_FILE = 'weakmem-armv8.cat';
export const TSO_FILE = 'weakmem-tso.cat';

export const BUILTIN_MODEL_LIST: readonly BuiltinModel[] = [
  {
    name: 'lkmm',
    summary: 'Linux-kernel memory model (LKMM): spinlocks, RCU, SRCU, atomics, bitops, data races',
    defaultFor: ['C'],
    cat: LKMM_FILES.cat,
    bell: LKMM_FILES.bell,
    macros: LKMM_FILES.macros,
    // The LKMM's conventions for non-returning atomics (herd's lkmmv2).
    variants: ['lkmmv2'],
  },
  {
    name: 'sc',
    summary: 'sequential consistency for kernel C tests: spinlocks, RMW atomicity, RCU grace periods',
    defaultFor: [],
    cat: SC_FILE,
    // The LKMM's events, critical sections and primitives.
    bell: LKMM_FILES.bell,
    macros: LKMM_FILES.macros,
    variants: ['lkmmv2'],
  },
  {
    name: 'armv8',
    summary: 'Armv8-A (AArch64) memory model: barriers, dependencies, acquire/release, exclusives and atomics',
    defaultFor: ['AArch64'],
    cat: ARMV8_FILE,
    variants: [],
  },
  {
    name: 'tso',
    summary: 'x86-TSO: store buffers, MFENCE, locked instructions',
    defaultFor: ['X86', 'X86_64'],
    cat: TSO_FILE,
    variants: [],
  },
];

export const MODEL_FILE_TEXTS: Readonly<Record<string, string>> = {
  [LKMM_FILES.cat]: LKMM_CAT,
  [LKMM_FILES.bell]: LKMM_BELL,
  [LKMM_FILES.macros]: LKMM_DEF,
  [KERNEL_LOCKS_FILE]: KERNEL_LOCKS_CAT,
  [SC_FILE]: SC_CAT,
  [ARMV8_FILE]: ARMV8_CAT,
  [TSO_FILE]: TSO_CAT,
};
