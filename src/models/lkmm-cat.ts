/**
 * The LKMM cat model: the axioms (coherence, atomic, happens-before, propagation, rcu, plain accesses and data races).
 * Text of the built-in file `weakmem-lkmm.cat` (see registry.ts).
 */
export const LKMM_CAT = String.raw`(*
 * weakmem built-in model "lkmm", part 2 of 3: the axioms.
 *
 * The Linux-kernel memory model, written for weakmem from its published
 * definition (ASPLOS 2018 paper "Frightening small children and
 * disconcerting grown-ups", and the kernel's
 * tools/memory-model/Documentation/explanation.txt, whose names are
 * given in brackets below so the two can be read side by side).
 * Part 1 is weakmem-lkmm.bell (events, annotations, critical sections);
 * part 3 is weakmem-lkmm.def (the kernel primitives as events).
 *
 * An execution is allowed when it passes every check below:
 *   coherence        each location on its own behaves sequentially
 *   atomic           nothing slips between the two halves of an RMW
 *   happens-before   no event must execute before itself
 *   propagation      strong fences make writes visible everywhere in order
 *   rcu              grace periods outlast the read-side critical sections
 *                    they overlap
 *   plain-coherence  plain accesses do not contradict coherence
 * and a data race (two CPUs, one plain access, no ordering) is flagged.
 *)

"weakmem LKMM: Linux-kernel memory model"

include "weakmem-kernel-locks.cat"

(* Taking a lock is an acquire, releasing it a release. *)
let Acquires = Acquires | LKR
let Releases = Releases | UL

(*****************************************************************)
(* 1. What each primitive orders on its own CPU                  *)
(*****************************************************************)

(* Everything after an acquire stays after it [acq-po]. *)
let after-acquire = [Acquires] ; po ; [M]

(* Everything before a release stays before it [po-rel]. *)
let before-release = [M] ; po ; [Releases]

(*
 * An unlock followed by a lock of the same lock, the lock either on the
 * same CPU or reading from the unlock: what precedes the unlock is
 * ordered before what follows the lock [po-unlock-lock-po].
 *)
let unlock-then-lock = po ; [UL] ; (po | rf) ; [LKR] ; po

(* smp_rmb() orders reads, except the read half of atomics that return nothing. *)
let RmbReads = R \ NoReturnReads
let rmb-order = [RmbReads] ; fencerel(Rmb) ; [RmbReads]

(* smp_wmb() orders writes. *)
let wmb-order = [W] ; fencerel(Wmb) ; [W]

(*
 * Full barriers [mb]: each orders all accesses before it with all
 * accesses after it.
 *)
(* smp_mb() *)
let mb-fence = [M] ; fencerel(FullyOrdered) ; [M]
(*
 * A fully ordered RMW (xchg(), cmpxchg() that succeeds, the
 * value-returning atomics) acts as if enclosed by two smp_mb(): what
 * precedes it is ordered before its read, its write before what follows.
 *)
let mb-rmw = ([M] ; po ; [FullyOrdered & R]) | ([FullyOrdered & W] ; po ; [M])
(* smp_mb__before_atomic() and smp_mb__after_atomic() upgrade an atomic RMW. *)
let mb-atomic =
    ([M] ; fencerel(Before-atomic) ; [RMW] ; po? ; [M])
  | ([M] ; po? ; [RMW] ; fencerel(After-atomic) ; [M])
(* smp_mb__after_spinlock() upgrades the spin_lock() before it. *)
let mb-spinlock = [M] ; po? ; [LKW] ; fencerel(After-spinlock) ; [M]
(*
 * smp_mb__after_unlock_lock() upgrades an unlock+lock pair.  Only the
 * last handover is named here, but the release and acquire of the
 * earlier handovers of a chain carry their stores along to it.
 *)
let mb-unlock-lock = [M] ; unlock-then-lock ; [After-unlock-lock] ; po ; [M]
(* smp_mb__after_srcu_read_unlock() upgrades the srcu_read_unlock() before it. *)
let mb-srcu-unlock =
  [M] ; po? ; [Srcu-unlock] ; fencerel(After-srcu-read-unlock) ; [M]
let full-barrier =
  mb-fence | mb-rmw | mb-atomic | mb-spinlock | mb-unlock-lock | mb-srcu-unlock

(* synchronize_rcu() and synchronize_srcu() are at least full barriers [gp]. *)
let grace-period = po ; [Sync-rcu | Sync-srcu] ; po?

(* Strong ordering, that affects every CPU's view [strong-fence]. *)
let strong-order = full-barrier | grace-period

(* Ordering of accesses of any kind [nonrw-fence]. *)
let any-access-order = strong-order | before-release | after-acquire

(* All ordering given by fences and annotations [fence]. *)
let fence-order = any-access-order | wmb-order | rmb-order

(* What the compiler may not move an access across [barrier]. *)
let compiler-barrier =
    fencerel(Barrier | Rmb | Wmb | FullyOrdered | Sync-rcu | Sync-srcu
             | Before-atomic | After-atomic | Acquires | Releases
             | Rcu-lock | Rcu-unlock | Srcu-lock | Srcu-unlock)
  | (po ; [Releases]) | ([Acquires] ; po)

(*****************************************************************)
(* 2. Coherence and atomicity                                    *)
(*****************************************************************)

(* Each location on its own is sequentially consistent. *)
let com = rf | co | fr
acyclic po-loc | com as coherence

(* No other CPU's write comes between the read and the write of an RMW. *)
empty rmw & (fre ; coe) as atomic

(*****************************************************************)
(* 3. hb: what the hardware must execute in order                 *)
(*****************************************************************)

(*
 * A CPU may execute its instructions out of order, but not these
 * [ppo, preserved program order]:
 *)
let dep = addr | data
(* A write waits for the reads its address, its value or its very
   execution depends on, and for earlier accesses to its location; a read
   that gives the address of a plain write before an smp_wmb() is
   ordered before the writes after the smp_wmb(). *)
let ordered-before-write =
    ((dep | ctrl) ; [W])
  | ((co | fr) & int)
  | (addr ; [Plain] ; wmb-order)
(* A read waits for the read giving its address, and for the reads that
   a marked write of its own CPU, from which it takes its value,
   depends on. *)
let ordered-before-read = (addr ; [R]) | (dep ; [Marked] ; rfi)
(* Together with the fences and annotations, and an unlock+lock on one
   CPU: *)
let ppo =
    ordered-before-read | ordered-before-write
  | (fence-order & int) | (unlock-then-lock & int)

(*
 * Propagation.  A release or strong fence is A-cumulative: stores the
 * CPU saw before it propagate before the stores after it.  Stores go on
 * propagating along chains of RMWs reading each other.
 *)
let a-cumulative(r) = (rfe ; [Marked])? ; r
let rmw-chain = (rf ; rmw)*
(* [cumul-fence] *)
let propagation-fence =
  [Marked]
  ; (a-cumulative(strong-order | before-release) | wmb-order | unlock-then-lock)
  ; [Marked] ; rmw-chain
(* a write (or what a read saw overwritten) reaching another CPU [prop] *)
let prop =
  [Marked] ; ((co | fr) & ext)? ; propagation-fence* ; [Marked] ; rfe? ; [Marked]

(*
 * hb: an event must execute before another: preserved program order, a
 * read executes after the write it reads from on another CPU, and a CPU
 * cannot see its own events out of the order they propagated in.
 *)
let hb = [Marked] ; (ppo | rfe | ((prop \ id) & int)) ; [Marked]
acyclic hb as happens-before

(*****************************************************************)
(* 4. pb: a strong fence propagates everything before it first   *)
(*****************************************************************)

(*
 * Once a strong fence has executed, every store propagated to its CPU
 * before it has propagated everywhere: nothing propagated before the
 * fence can be overtaken by what executes after it.
 *)
let pb = prop ; strong-order ; hb* ; [Marked]
acyclic pb as propagation

(*****************************************************************)
(* 5. rb: RCU grace periods and read-side critical sections       *)
(*****************************************************************)

(*
 * RCU's guarantee: a read-side critical section that starts before a
 * grace period ends before the grace period does, and one that ends
 * after a grace period starts after it.  Grace periods and critical
 * sections are joined [rcu-link] by an order in time; a chain of them
 * orders its two ends whenever it has at least as many grace periods
 * as critical sections [rcu-order].  SRCU counts only the grace periods
 * and critical sections of one srcu_struct.
 *)
let gp-cs-link = po? ; hb* ; pb* ; prop ; po
let rcu-gp = [Sync-rcu]
let srcu-gp = [Sync-srcu]
let rcu-cs-back = rcu-cs^-1
let srcu-cs-back = srcu-cs^-1
let rec gp-chain =
  let between = gp-cs-link | (gp-cs-link ; gp-chain ; gp-cs-link) in
  rcu-gp | srcu-gp
  | (rcu-gp ; between ; rcu-cs-back)
  | (rcu-cs-back ; between ; rcu-gp)
  | ((srcu-gp ; between ; srcu-cs-back) & loc)
  | ((srcu-cs-back ; between ; srcu-gp) & loc)
  | (gp-chain ; gp-cs-link ; gp-chain)

(* Such a chain orders like a strong fence between two CPUs [rcu-fence]. *)
let rcu-fence = po ; gp-chain ; po?

(* rb orders instructions as pb does. *)
let rb = prop ; rcu-fence ; hb* ; pb* ; [Marked]
irreflexive rb as rcu

(* From here on, the RCU ordering counts as a (strong) fence. *)
let fence-or-rcu = fence-order | rcu-fence
let strong-or-rcu = strong-order | rcu-fence

(*****************************************************************)
(* 6. Plain accesses and data races                               *)
(*****************************************************************)

(* Plain writes mixed with marked accesses to the same location *)
let mixed-accesses =
    ([Plain & W] ; (po-loc \ compiler-barrier) ; [Marked])
  | ([Marked] ; (po-loc \ compiler-barrier) ; [Plain & W])
flag ~empty mixed-accesses as mixed-accesses

(* executes before, in any of the three senses above [xb*] *)
let xbstar = (hb | pb | rb)*

(* a write is visible to an event of another CPU [vis] *)
let vis =
  propagation-fence* ; rfe? ; [Marked]
  ; ((strong-or-rcu ; [Marked] ; xbstar) | (xbstar & int))

(*
 * The compiler may move a plain access a little: between the marked
 * accesses or fences that bound it on its CPU.
 *)
let w-pre-bounded = [Marked] ; (addr | fence-or-rcu)?
let r-pre-bounded =
  [Marked]
  ; (addr | any-access-order | ([RmbReads] ; fencerel(Rmb) ; [~NoReturnReads]))?
let w-post-bounded = fence-or-rcu? ; [Marked] ; rmw-chain
let r-post-bounded =
  (any-access-order | ([~NoReturnReads] ; fencerel(Rmb) ; [RmbReads]))? ; [Marked]

(* a write is visible to a later access, bounds included *)
let visible-to(bounded) =
    fence-or-rcu
  | (strong-or-rcu ; xbstar ; bounded)
  | (w-post-bounded ; vis ; bounded)
let ww-vis = visible-to(w-pre-bounded)
let wr-vis = visible-to(r-pre-bounded)
(* a read executes before a write *)
let rw-xbstar = fence-or-rcu | (r-post-bounded ; xbstar ; w-pre-bounded)

(* Two accesses of different CPUs to one location, at least one plain *)
let may-race = ext & ((Plain * M) | ((M \ IW) * Plain))

(* Plain accesses still obey coherence when they are ordered *)
let wr-incoh = may-race & rf & rw-xbstar^-1
let rw-incoh = may-race & fr & wr-vis^-1
let ww-incoh = may-race & co & ww-vis^-1
empty wr-incoh | rw-incoh | ww-incoh as plain-coherence

(* A race: such a pair with nothing ordering it *)
let ww-ordered =
  ww-vis & ((Marked * W) | rw-xbstar) & ((W * Marked) | wr-vis)
let ww-race = (may-race & co) \ ww-ordered
let wr-race = (may-race & (co? ; rf)) \ wr-vis \ rw-xbstar^-1
let rw-race = (may-race & fr) \ rw-xbstar
flag ~empty ww-race | wr-race | rw-race as data-race
`;
