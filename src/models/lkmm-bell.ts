/**
 * The LKMM bell: kernel event classes, annotations, RCU/SRCU critical sections, marked and plain accesses.
 * Text of the built-in file `weakmem-lkmm.bell` (see registry.ts).
 */
export const LKMM_BELL = String.raw`(*
 * weakmem built-in model "lkmm", part 1 of 3: the event vocabulary.
 *
 * The Linux-kernel memory model (LKMM), written for weakmem from its
 * published definition: "Frightening small children and disconcerting
 * grown-ups: Concurrency in the Linux kernel" (Alglave, Maranget,
 * McKenney, Parri, Stern, ASPLOS 2018) and the kernel's
 * tools/memory-model/Documentation/explanation.txt.  Its verdicts are
 * meant to be exactly those of the kernel's own model run by herd7.
 *
 * This part says what the kernel primitives look like as events (the
 * macro file weakmem-lkmm.def turns each primitive into herd's primitive
 * forms carrying the tags below), which annotations really order
 * anything, where RCU and SRCU read-side critical sections begin and
 * end, and which accesses are "marked".
 *)

"weakmem LKMM: kernel events and annotations"

(*
 * Tags.  Their spelling is the interface between a macro file and the
 * model: macro files written for herd7's LKMM use the same tags, so they
 * work with this model too.
 *
 * On accesses:
 *   'ONCE      READ_ONCE(), WRITE_ONCE(), the relaxed atomics
 *   'ACQUIRE   smp_load_acquire(), the _acquire atomics
 *   'RELEASE   smp_store_release(), rcu_assign_pointer(), the _release atomics
 *   'MB        value-returning atomics that are fully ordered (xchg(), ...)
 *   'NORETURN  atomics that return nothing (atomic_inc(), set_bit(), ...)
 *)
enum AccessTags = 'ONCE || 'ACQUIRE || 'RELEASE || 'MB || 'NORETURN
instructions R[AccessTags]
instructions W[AccessTags]
instructions RMW[AccessTags]

(* On fences: one tag per barrier primitive (smp_mb() is 'MB again). *)
enum BarrierTags =
     'MB || 'rmb || 'wmb || 'barrier
  || 'before-atomic || 'after-atomic
  || 'after-spinlock || 'after-unlock-lock
  || 'rcu-lock || 'rcu-unlock || 'sync-rcu
  || 'after-srcu-read-unlock
instructions F[BarrierTags]

(*
 * SRCU: srcu_read_lock() is a read of the srcu_struct, srcu_read_unlock()
 * a write of the index it returned, synchronize_srcu() an event of its own.
 *)
enum SrcuTags = 'srcu-lock || 'srcu-unlock || 'sync-srcu
instructions SRCU[SrcuTags]

(*
 * Annotations that really order.  A conditional RMW whose condition
 * failed (cmpxchg() that found another value, atomic_add_unless() that
 * added nothing) leaves only its read, and that read orders nothing.
 * "Acquire" is only meaningful on a read, "release" only on a write.
 *)
let DidNothingRmw = RMW \ (domain(rmw) | range(rmw))
let Acquires = ACQUIRE \ W \ DidNothingRmw
let Releases = RELEASE \ R \ DidNothingRmw
(* smp_mb() fences and both halves of every successful fully ordered RMW *)
let FullyOrdered = MB \ DidNothingRmw
(* The read half of an atomic that returns nothing: smp_rmb() ignores it *)
let NoReturnReads = NORETURN \ W

(*
 * RCU read-side critical sections.  rcu_read_lock() and rcu_read_unlock()
 * pair up like brackets: a lock and a later unlock of the same CPU are a
 * pair when every lock and unlock between them is already paired.  The
 * pairs are found innermost first, until no new pair appears.
 *)
let rec rcu-cs =
  let open-locks = Rcu-lock \ domain(rcu-cs)
  and open-unlocks = Rcu-unlock \ range(rcu-cs) in
  rcu-cs
  | (([open-locks] ; po ; [open-unlocks])
     \ (po ; [open-locks | open-unlocks] ; po))

(* Brackets left over make the test meaningless: say so. *)
flag ~empty Rcu-lock \ domain(rcu-cs) as unmatched-rcu-lock
flag ~empty Rcu-unlock \ range(rcu-cs) as unmatched-rcu-unlock

(*
 * SRCU read-side critical sections.  srcu_read_unlock() is matched with
 * the srcu_read_lock() whose returned index it is handed: the value flows
 * from the lock to the unlock by data dependencies, possibly through
 * memory (stored, then read back, but never through another unlock), and
 * both name the same srcu_struct.  These use the dependencies as the
 * front end computed them, before the widening at the end of this file.
 *)
let srcu-index-flow = (data ; [~Srcu-unlock] ; rf)* ; data
let srcu-cs = ([Srcu-lock] ; srcu-index-flow ; [Srcu-unlock]) & loc

flag ~empty Srcu-lock \ domain(srcu-cs) as unmatched-srcu-lock
flag ~empty Srcu-unlock \ range(srcu-cs) as unmatched-srcu-unlock
flag ~empty (srcu-cs^-1 ; srcu-cs) \ id as multiple-srcu-matches
(* synchronize_srcu() sleeps: never allowed inside an RCU reader *)
flag ~empty rcu-cs & (po ; [Sync-srcu] ; po) as invalid-sleep
(* the unlock must be given exactly what the lock returned *)
flag ~empty different-values(srcu-cs) as srcu-bad-value-match

(*
 * Plain and marked accesses.  An access is plain when it is a C
 * assignment or use with no kernel primitive around it: the compiler may
 * then tear, fuse, repeat or invent it.  Everything else (ONCE, acquire,
 * release, atomics, SRCU lock/unlock, locks, fences, initial writes) is
 * marked.
 *)
let Plain =
  M \ IW
    \ (ONCE | ACQUIRE | RELEASE | MB | RMW | Srcu-lock | Srcu-unlock)
    \ (LKR | LKW | UL | LF | RL | RU)
let Marked = ~Plain

(*
 * A dependency still counts when the value goes through memory on its
 * way: stored by one access and loaded back, on the same CPU, by another
 * (think of a value spilled to the stack).  The index handed to
 * srcu_read_unlock() is not carried further.
 *)
let through-memory = (data ; [~Srcu-unlock] ; rfi)*
let addr = through-memory ; addr
let data = through-memory ; data
let ctrl = through-memory ; ctrl

(* The macro file's non-returning atomics need the lkmmv2 conventions. *)
flag ~empty (if "lkmmv2" then 0 else _)
  as this-model-requires-variant-higher-than-lkmmv1
`;
