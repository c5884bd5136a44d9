/**
 * x86-TSO, the memory model of x86 processors.
 * Text of the built-in file `weakmem-tso.cat` (see registry.ts).
 */
export const TSO_CAT = String.raw`(*
 * weakmem built-in model "tso": x86-TSO.
 *
 * Written for weakmem from S. Owens, S. Sarkar, P. Sewell, "A better x86
 * memory model: x86-TSO", TPHOLs 2009 (and its companion paper in CACM
 * 53(7), 2010, "x86-TSO: a rigorous and usable programmer's model for
 * x86 multiprocessors").
 *
 * The machine of the paper: each processor has a FIFO store buffer.
 * A write waits in its processor's buffer before it reaches the shared
 * memory; a read takes the newest write to its location from its own
 * buffer, else from memory.  MFENCE drains the buffer; a locked
 * instruction (LOCK prefix, XCHG with memory) drains it and holds the
 * memory lock while it runs.
 *
 * Its axiomatic counterpart, used here: the events of an execution can
 * be put in one memory order, extending
 *   - the program order of each processor, except a write followed by a
 *     read (the write may still sit in the buffer when the read runs);
 *     the exception does not apply with an MFENCE or a locked access
 *     between or at either end;
 *   - the coherence order (the order writes reach memory) and reads
 *     from memory: a read sees the write it reads from, unless that
 *     write is its own processor's (store forwarding: rfi is not in the
 *     memory order), and precedes the writes after that one.
 * Besides, each location on its own is coherent, and a locked
 * instruction is atomic: no write of another processor comes between
 * its read and its write.
 *)

"weakmem tso: x86-TSO"

(* Accesses of locked instructions and of XCHG with memory. *)
let Locked = X

(*****************************************************************)
(* 1. Each location on its own                                   *)
(*****************************************************************)

(*
 * Reads and writes of one location are sequentially consistent, the
 * read and write of one locked instruction counting as in program
 * order.
 *)
acyclic (po & loc) | rmw | rf | co | fr as coherence

(*****************************************************************)
(* 2. Locked instructions are atomic                             *)
(*****************************************************************)

empty rmw & (fre ; coe) as atomic

(*****************************************************************)
(* 3. The memory order                                           *)
(*****************************************************************)

(* Program order, without a write followed by a read. *)
let kept-po = po \ (W * R)

(* A write and a later read stay in order across an MFENCE... *)
let fenced-wr = [W] ; po ; [MFENCE] ; po ; [R]

(* ... and when either of them belongs to a locked instruction. *)
let locked-wr = [W] ; po ; [R & Locked] | [W & Locked] ; po ; [R]

(* What memory sees in order: coherence, external reads, from-reads. *)
let memory-order = rfe | co | fr

acyclic kept-po | fenced-wr | locked-wr | memory-order as tso
`;
