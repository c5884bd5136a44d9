/**
 * The Armv8-A (AArch64) application-level memory model.
 * Text of the built-in file `weakmem-armv8.cat` (see registry.ts).
 */
export const ARMV8_CAT = String.raw`(*
 * weakmem built-in model "armv8": the Armv8-A (AArch64) memory model.
 *
 * Written for weakmem from the published definitions:
 *   [ARM]   Arm Architecture Reference Manual for A-profile, chapter B2
 *           "The AArch64 Application Level Memory Model", section
 *           "Definition of the Arm memory model" (observed-by,
 *           dependency-, atomic-, barrier-, locally- and ordered-before;
 *           the external visibility, internal visibility and atomicity
 *           requirements);
 *   [POPL]  C. Pulte, S. Flur, W. Deacon, J. French, S. Sarkar,
 *           P. Sewell, "Simplifying ARM Concurrency: Multicopy-atomic
 *           Axiomatic and Operational Models for ARMv8", POPL 2018,
 *           section 4 (the axiomatic model).
 * Each definition below names the [ARM] term it stands for.
 *
 * Scope: explicit memory effects of ordinary (normal, non-mixed-size)
 * memory, barriers, acquire/release, exclusives and atomic instructions,
 * pair accesses to whole array elements.
 * Translation-table walks, tag checks, instruction fetch, exceptions,
 * cache and TLB maintenance (other parts of chapters B2 and D8) and
 * mixed-size accesses are not modelled: weakmem rejects the tests that
 * use them as "not supported".
 *
 * Dependencies are computed here from the register effects (catdep),
 * as [ARM] defines them; coherence orders are weakmem's native ones.
 * An execution is allowed when:
 *   internal   per location, each thread sees a coherent history
 *   atomic     nothing comes between the halves of an atomic access
 *   external   ordered-before is acyclic
 *)

"weakmem armv8: Armv8-A AArch64 memory model"

catdep

(*****************************************************************)
(* 1. Effects and barriers                                       *)
(*****************************************************************)

(* Explicit memory effects, those of load and store instructions [ARM]. *)
let Mx = M & Exp
let Rx = R & Exp
let Wx = W & Exp

(* Acquire (LDAR...), AcquirePC (LDAPR...) and Release (STLR...) effects. *)
let Acq = A & Rx
let AcqPC = Q & Rx
let Rel = L & Wx

(*
 * Reads of atomic instructions whose destination is the zero register
 * (STADD..., "no return"): DMB LD does not order them [ARM].
 *)
let RetReads = Rx \ NoRet

(*
 * DMB and DSB barriers by access types; the shareability domain is
 * immaterial here, since all observers share one domain.
 *)
let DMB-full = DMB.SY | DMB.ISH | DMB.OSH | DMB.NSH
let DMB-load = DMB.LD | DMB.ISHLD | DMB.OSHLD | DMB.NSHLD
let DMB-store = DMB.ST | DMB.ISHST | DMB.OSHST | DMB.NSHST
let DSB-full = DSB.SY | DSB.ISH | DSB.OSH | DSB.NSH
let DSB-load = DSB.LD | DSB.ISHLD | DSB.OSHLD | DSB.NSHLD
let DSB-store = DSB.ST | DSB.ISHST | DSB.OSHST | DSB.NSHST

(* Arm deprecates shareability arguments of DMB, and domains of DSB LD/ST. *)
flag ~empty (DMB.ISH | DMB.OSH | DMB.NSH | DMB.ISHLD | DMB.OSHLD | DMB.NSHLD | DMB.ISHST | DMB.OSHST | DMB.NSHST)
  as Shareability-argument-for-DMB-is-deprecated
flag ~empty (DSB.ISHLD | DSB.OSHLD | DSB.NSHLD) as Maintenance-scope-for-DSB-LD-is-deprecated
flag ~empty (DSB.ISHST | DSB.OSHST | DSB.NSHST) as Maintenance-scope-for-DSB-ST-is-deprecated

(* The two effects are in program order with a barrier of class B between. *)
let across(B) = po ; [B] ; po

(*****************************************************************)
(* 2. Dependencies                                               *)
(*****************************************************************)

(*
 * [ARM] defines dependencies on the register effects of instructions
 * (hence "catdep" above: weakmem then keeps the register reads and
 * writes, Rreg and Wreg, in the executions this model sees).  Inside an
 * instruction, effects feed one another by intrinsic data and control
 * dependencies (iico_data, iico_ctrl); a register read of an access is
 * in ADDR when it supplies the address, in DATA when it supplies the
 * value stored.
 *)
let in-data = iico_data+
let in-ctrl = iico_ctrl+

(* Same location, in program order (memory locations and registers). *)
let po-same = po & loc

(*
 * Local read successor [ARM]: a memory read after a write of its thread
 * to the same location, with no write to that location in between.
 *)
let lrs = [W] ; (po-same \ (po-same ; [W] ; po-same)) ; [R]

(* Local register read successor: the same, for one register. *)
let reg-po = [Rreg | Wreg] ; po-same ; [Rreg | Wreg]
let reg-lrs = [Wreg] ; (reg-po \ (reg-po ; [Wreg] ; reg-po)) ; [Rreg]

(* Dependency through registers and memory [ARM]. *)
let dtrm = (reg-lrs | lrs | in-data)+

(*
 * From an explicit read, a chain of dependency through registers and
 * memory to a register read of a later instruction; what that register
 * read feeds decides the kind of dependency [ARM]:
 *   address   it gives the address of a memory access,
 *   data      it gives the value of a memory write,
 *   control   it decides a conditional branch, which then precedes
 *             every later event.
 *)
let to-reg-read = [R & Exp] ; (dtrm & po) ; [Rreg]
let addr = to-reg-read ; [ADDR] ; in-data ; [M & Exp]
let data = to-reg-read ; [DATA] ; in-data ; [W & Exp]
let ctrl = to-reg-read ; in-data ; [BCC] ; po

(*
 * Pick dependencies [ARM]: the same, where the chain may also go
 * through intrinsic control dependencies, as when a CSEL or a CAS
 * picks one of its inputs according to a value read.
 *)
let pick-dtrm = (dtrm | in-ctrl)+
let pick-to-reg-read = [R & Exp] ; (pick-dtrm & po) ; [Rreg]
let pick-addr = pick-to-reg-read ; [ADDR] ; in-data ; [M & Exp]
let pick-data = pick-to-reg-read ; [DATA] ; (in-data | (in-data ; in-ctrl)) ; [W & Exp]
let pick-ctrl = pick-to-reg-read ; in-data ; [BCC] ; po
(*
 * Pick dependency [ARM]: between different instructions, a pick basic
 * dependency (any chain from a read) or a pick control dependency (the
 * pick address and data dependencies are pick basic dependencies too).
 *)
let pick-dep = (([R & Exp] ; pick-dtrm) | pick-ctrl) \ same-instance

(*****************************************************************)
(* 3. Local orders                                               *)
(*****************************************************************)

(* Local write successor [ARM]: any access, then a write to its location. *)
let lws = [Mx] ; po-same ; [Wx]

(*
 * Single-copy-atomic class [ARM]: the effects of one single-copy-atomic
 * access. An access is one effect, except the two halves of an exclusive
 * pair (LDXP, STXP), which are one single-copy-atomic access together
 * (sm relates them).
 *)
let sca-class = [Mx] ; sm ; [Mx]

(* Read-modify-write: atomic instructions and successful exclusive pairs. *)
let atomic-pair = [Mx] ; rmw ; [Mx]

(*
 * Dependency-ordered-before [ARM] ([POPL] "dob"): address and data
 * dependencies; a control dependency to a write; an address dependency
 * to an access that precedes a write; an address or data dependency to a
 * write that a read is the local read successor of.
 *)
let dob =
    addr
  | data
  | ctrl ; [Wx]
  | addr ; [Mx] ; po ; [Wx]
  | (addr | data) ; [Wx] ; lrs ; [Rx]

(* Pick-ordered-before [ARM]: the same with pick dependencies. *)
let pob =
    pick-addr ; [Wx]
  | pick-data
  | pick-ctrl ; [Wx]
  | pick-addr ; [Mx] ; po ; [Wx]

(*
 * Atomic-ordered-before [ARM] ([POPL] "aob"): the read and write of an
 * atomic access; the read of an atomic access, and an acquire read that
 * is the local read successor of its write.
 *)
let aob =
    atomic-pair
  | atomic-pair ; lrs ; [Acq | AcqPC]

(*
 * Barrier-ordered-before [ARM] ([POPL] "bob"): DMB orders the accesses
 * of its kinds before it with those after it; acquire reads precede all
 * that follows them, release writes follow all that precedes them, a
 * release write precedes a later acquire (not AcquirePC) read, and the
 * write of an atomic access with both acquire and release semantics
 * precedes all that follows it.
 *)
let AcqRelAtomicW = range([Acq] ; amo ; [Rel])
let bob =
    [Mx] ; across(DMB-full) ; [Mx]
  | [RetReads] ; across(DMB-load) ; [Mx]
  | [Wx] ; across(DMB-store) ; [Wx]
  | [AcqRelAtomicW] ; po ; [Mx]
  | [Rel] ; po ; [Acq]
  | [Acq | AcqPC] ; po ; [Mx]
  | [Mx] ; po ; [Rel]

(*
 * DSB-ordered-before [ARM]: a DSB orders the accesses of its kinds before
 * it with every later event.
 *)
let dsb-ob =
    [Mx] ; across(DSB-full)
  | [RetReads] ; across(DSB-load)
  | [Wx] ; across(DSB-store)

(*
 * Instruction-fetch-barrier-ordered-before [ARM] (ISB): a read with a
 * control dependency to an ISB, or an address dependency to an access
 * before it, or a DSB-ordered access before it, precedes what follows
 * the ISB.
 *)
let isb-ob =
    [Rx] ; (ctrl | pick-ctrl) ; [ISB] ; po
  | [Rx] ; (addr | pick-addr) ; [Mx] ; po ; [ISB] ; po
  | dsb-ob ; [ISB] ; po

(* Intrinsically-ordered-before [ARM]: effects ordered inside one instruction. *)
let iico-order = try iico_order with 0
let iico-ob = [Mx] ; iico-order+ ; [Mx]

(* Locally-ordered-before [ARM]. *)
let lob = (lws | lws ; sca-class | dob | pob | aob | bob | dsb-ob | isb-ob | iico-ob)+

(*
 * A pick dependency followed by local order to a write orders the read
 * with the write [ARM].
 *)
let pick-lob = pick-dep ; lob ; [Wx]

(*****************************************************************)
(* 4. Observation and ordered-before                             *)
(*****************************************************************)

(* Coherence-after: fr and co. *)
let ca = fr | co

(*
 * Observed-by [ARM]: a read reading from another thread's write, or an
 * access of another thread that is coherence-after it; what observes one
 * half of a single-copy-atomic pair observes the other as well.
 *)
let obs = [Mx] ; (rfe | (ca & ext)) ; [Mx] ; sca-class

(*
 * Hazard-ordered-before [ARM]: of two reads of one location in program
 * order, the first is ordered before a write of another thread that
 * the second read (or the other half of its pair) is coherence-before.
 *)
let haz-ob = [Rx] ; po-same ; [Rx] ; sca-class ; [Rx] ; (ca & ext) ; [Wx] ; sca-class

(* Ordered-before [ARM]. *)
let ob = (obs | lob | pick-lob | haz-ob)+

(*****************************************************************)
(* 5. The requirements                                           *)
(*****************************************************************)

(* External visibility requirement [ARM]. *)
irreflexive ob as external

(*
 * Internal visibility requirement [ARM]: a read does not see a write
 * that its own thread makes after it, or after its atomic pair; two
 * writes of a thread to one location stay in that coherence order; a
 * read after a write of its thread does not see an older write.
 *)
irreflexive [Rx] ; (po-same | rmw) ; [Wx] ; rfi ; [Rx] as coRW1
irreflexive [Wx] ; po-same ; [Wx] ; coi ; [Wx] as coWW
irreflexive [Wx] ; po-same ; [Rx] ; (ca & int) ; [Wx] as coWR

(*
 * Atomicity [ARM]: no write of another thread comes, in coherence order,
 * between the read and the write of an atomic instruction or of a
 * successful exclusive pair.  As in herd's reference model, a pair is
 * let off when a write of its own thread (a store between the
 * load-exclusive and the store-exclusive) also comes between them.
 *)
let broken = rmw & (fr ; co)
let own-write-between = ([Exp] ; rmw ; [Exp]) & (fri ; [Wx] ; coi)
empty broken \ own-write-between as atomic
`;
