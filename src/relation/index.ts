/** Relation algebra over events 0..n-1: bit-vector sets and bit-matrix relations. */
export { EventSet, popcount, wordsFor } from './event-set.js';
export { Relation, type Edge } from './relation.js';
export { isAcyclic, shortestCycle, linearExtensions, linearOrders, reachClasses } from './graph.js';
export { openScratch, closeScratch, lasting, type ScratchMark } from './alloc.js';
