/**
 * Event-set names herd defines for an architecture even when no event of
 * the execution belongs to them (herd's arch_sets: barrier, annotation,
 * cache-maintenance, fault and TLBI sets), so that a model naming them
 * evaluates them as empty instead of failing as unbound.
 */

const BARRIER_DOMAINS = ['SY', 'ST', 'LD', 'ISH', 'ISHST', 'ISHLD', 'NSH', 'NSHST', 'NSHLD', 'OSH', 'OSHST', 'OSHLD'];

export const AARCH64_SETS: readonly string[] = [
  // Events kinds of assembly traces.
  'Rreg', 'Wreg', 'B', 'BCC', 'PRED', 'DATA', 'ADDR', 'C', 'NoAction',
  // Barriers.
  ...BARRIER_DOMAINS.flatMap((d) => [`DMB.${d}`, `DSB.${d}`]),
  'ISB',
  // Annotations (AArch64Annot) and access kinds.
  'X', 'A', 'Q', 'L', 'NoRet', 'S', 'NT', 'EX', 'RCFG', 'DI', 'T', 'Exp', 'NExp', 'AMO', 'SPURIOUS', 'no-loc', 'CutOff',
  // Translation, tags, faults, cache and TLB maintenance (extensions weakmem does not model: always empty).
  'PTE', 'PTEV', 'PTEINV', 'PTEAF0', 'D-PTE', 'I-PTE', 'PA', 'AF', 'DB', 'MMU', 'D-MMU', 'I-MMU', 'Translation', 'AccessFlag',
  'Permission', 'TagCheck', 'Instr', 'Restricted-CMODX', 'TLBI', 'FAULT', 'FAULT-RD', 'FAULT-WR', 'EXC-ENTRY', 'EXC-RET', 'SVC',
  'UndefinedInstruction', 'SupervisorCall', 'PacCheck',
  'DC.CVAU', 'DC.CIVAC', 'DC.CVAC', 'DC.IVAC', 'DC.ZVA', 'DC.CSW', 'DC.ISW', 'DC.CISW',
  'IC.IALLUIS', 'IC.IALLU', 'IC.IVAU',
  'Normal', 'Device', 'Device-GRE', 'Device-nGRE', 'Device-nGnRE', 'Device-nGnRnE',
  'NSH', 'ISH', 'OSH', 'iNC', 'iWT', 'iWB', 'oNC', 'oWT', 'oWB',
  'TLBI-VA', 'TLBI-IPA', 'TLBI-ALL', 'TLBI-ASID', 'TLBI-VMALL', 'TLBIIS', 'TLBInXS',
];

export const X86_SETS: readonly string[] = [
  'Rreg', 'Wreg', 'B', 'BCC', 'PRED', 'DATA', 'ADDR', 'C',
  'MFENCE', 'SFENCE', 'LFENCE', 'X', 'NT', 'Exp', 'NExp', 'AMO', 'SPURIOUS', 'no-loc', 'CutOff', 'T', 'TLBI',
  'FAULT', 'FAULT-RD', 'FAULT-WR', 'EXC-ENTRY', 'EXC-RET',
];
