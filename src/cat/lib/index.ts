/** weakmem's library of cat files, by file name: what `include` finds when the search path has no such file. */
import { COS_CAT, COS_NO_OPT_CAT, COS_OK_OPT_CAT, COS_OPT_CAT, CROSS_CAT } from './cos.js';
import { AARCH64FENCES_CAT, ARMFENCES_CAT, FENCES_CAT, FILTERS_CAT, PPCFENCES_CAT, X86FENCES_CAT } from './fences.js';
import { STDLIB_CAT } from './stdlib.js';

export const CAT_LIBRARY: Readonly<Record<string, string>> = {
  'stdlib.cat': STDLIB_CAT,
  'cross.cat': CROSS_CAT,
  'cos.cat': COS_CAT,
  'cos-opt.cat': COS_OPT_CAT,
  'cos-no-opt.cat': COS_NO_OPT_CAT,
  'cos-ok-opt.cat': COS_OK_OPT_CAT,
  'fences.cat': FENCES_CAT,
  'x86fences.cat': X86FENCES_CAT,
  'armfences.cat': ARMFENCES_CAT,
  'ppcfences.cat': PPCFENCES_CAT,
  'aarch64fences.cat': AARCH64FENCES_CAT,
  'filters.cat': FILTERS_CAT,
};
