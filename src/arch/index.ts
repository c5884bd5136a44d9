/** Architecture plug-ins: the `Arch` interface and the registry. */
export type { Arch, ArchSemantics } from './types.js';
export { AARCH64, ARCHS, X86, X86_64, archForHeader } from './registry.js';
export { AARCH64_SETS, X86_SETS } from './sets.js';
