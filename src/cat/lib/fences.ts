/**
 * Fence relations of the architectures (herd's fences.cat and its parts):
 * each fence class becomes `fencerel` of its events, empty when the test's
 * architecture lacks it.
 */
const fence = (rel: string, set: string): string => `let ${rel} = try fencerel(${set}) with 0\n`;
const optionalSet = (s: string): string => `let ${s} = try ${s} with emptyset\n`;

export const X86FENCES_CAT = `X86Fences
${fence('mfence', 'MFENCE')}${fence('lfence', 'LFENCE')}${fence('sfence', 'SFENCE')}show data,addr,ctrl
`;

export const ARMFENCES_CAT = `ARMFences
${fence('dmb.st', 'DMB.ST')}${fence('dsb.st', 'DSB.ST')}${fence('dmb', 'DMB')}${fence('dmb.ish', 'DMB.ISH')}${fence('dsb', 'DSB')}${fence('isb', 'ISB')}let ctrlisb = try ctrlcfence(ctrl, ISB) with 0
show isb \\ ctrlisb as isb
show ctrl \\ ctrlisb as ctrl
`;

export const PPCFENCES_CAT = `PPCFences
${fence('sync', 'SYNC')}${fence('lwsync', 'LWSYNC')}${fence('eieio', 'EIEIO')}${fence('isync', 'ISYNC')}let ctrlisync = try ctrlcfence(ctrl, ISYNC) with 0
show isync \\ ctrlisync as isync
show ctrl \\ ctrlisync as ctrl
`;

const BARRIER_SETS = ['DMB', 'DSB'].flatMap((b) =>
  ['NSH', 'NSHLD', 'NSHST', 'ISH', 'ISHLD', 'ISHST', 'OSH', 'OSHLD', 'OSHST', 'SY', 'ST', 'LD'].map((k) => `${b}.${k}`),
);

export const AARCH64FENCES_CAT = `AArch64Fences
${BARRIER_SETS.map(optionalSet).join('')}${optionalSet('ISB')}let A = try A & (Exp & M) with emptyset
and L = try L & (Exp & M) with emptyset
and Q = try Q & (Exp & M) with emptyset
and NoRet = try NoRet with emptyset
let dmb.full = DMB.NSH | DMB.ISH | DMB.OSH | DMB.SY
let dmb.ld = DMB.NSHLD | DMB.ISHLD | DMB.OSHLD | DMB.LD
let dmb.st = DMB.NSHST | DMB.ISHST | DMB.OSHST | DMB.ST
flag ~empty (DMB.NSH | DMB.ISH | DMB.OSH | DMB.NSHLD | DMB.ISHLD | DMB.OSHLD | DMB.NSHST | DMB.ISHST | DMB.OSHST)
  as Shareability-argument-for-DMB-is-deprecated
let dsb.full = DSB.NSH | DSB.ISH | DSB.OSH | DSB.SY
let dsb.ld = DSB.NSHLD | DSB.ISHLD | DSB.OSHLD | DSB.LD
flag ~empty (DSB.NSHLD | DSB.ISHLD | DSB.OSHLD) as Maintenance-scope-for-DSB-LD-is-deprecated
let dsb.st = DSB.NSHST | DSB.ISHST | DSB.OSHST | DSB.ST
flag ~empty (DSB.NSHST | DSB.ISHST | DSB.OSHST) as Maintenance-scope-for-DSB-ST-is-deprecated
`;

export const FENCES_CAT = `AllFences
include "x86fences.cat"
include "armfences.cat"
include "ppcfences.cat"
include "aarch64fences.cat"
let ctrlcfence = ctrlisb | ctrlisync
show isync \\ ctrlcfence as isync
show isb \\ ctrlcfence as isb
show ctrl \\ ctrlcfence as ctrl
`;

/** Old-style filters on the direction and atomicity of relation ends (herd's filters.cat). */
export const FILTERS_CAT = `filters
let A = (try X with {}) | (try A with {})
let P = M \\ A
${[['WW', 'W', 'W'], ['WR', 'W', 'R'], ['RW', 'R', 'W'], ['RR', 'R', 'R'], ['RM', 'R', 'M'], ['MR', 'M', 'R'], ['WM', 'W', 'M'], ['MW', 'M', 'W'], ['MM', 'M', 'M'], ['AA', 'A', 'A'], ['AP', 'A', 'P'], ['PA', 'P', 'A'], ['PP', 'P', 'P'], ['AM', 'A', 'M'], ['MA', 'M', 'A']]
  .map(([f, a, b]) => `let ${f}(r) = r & (${a} * ${b})`)
  .join('\n')}
let noid(r) = r \\ id
let invrf = rf^-1
let atom = [A]
`;
