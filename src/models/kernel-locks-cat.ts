/**
 * Spinlocks and coherence-order generation for kernel C tests, shared by the lkmm and sc models.
 * Text of the built-in file `weakmem-kernel-locks.cat` (see registry.ts).
 */
export const KERNEL_LOCKS_CAT = String.raw`(*
 * weakmem built-in model file: kernel spinlocks and the coherence order.
 * Included by the "lkmm" and "sc" models, after the LKMM bell.
 *
 * The C front end gives the spinlock primitives events of their own,
 * kept out of R and W:
 *
 *   spin_lock(), successful spin_trylock()   LKR then LKW: a read and a
 *                                            write forming one atomic pair
 *   failed spin_trylock()                    LF, a read that saw it held
 *   spin_is_locked() returning true          RL, a read that saw it held
 *   spin_is_locked() returning false         RU, a read that saw it free
 *   spin_unlock()                            UL, a write
 *
 * Candidate enumeration gives these reads no reads-from edge and builds
 * no coherence order: this file chooses where each lock read reads from,
 * and generates the coherence order (co) of every location, the lock
 * writes included.  Semantics follow the kernel's locking model, as
 * described in tools/memory-model/Documentation/explanation.txt
 * ("LOCKING").
 *)

"weakmem: kernel spinlocks and coherence"

let RL = try RL with emptyset
let RU = try RU with emptyset

(* Reads that found the lock held *)
let SawHeld = LF | RL

(* Everything that names a lock or an srcu_struct *)
let SrcuStructOps = try (Srcu-lock | Srcu-unlock | Sync-srcu) with emptyset
let LockOps = LKR | LKW | UL | SawHeld | RU | SrcuStructOps

(* Locks and srcu_structs should be accessed through their primitives only *)
flag ~empty [M \ IW \ LockOps] ; loc ; [LockOps] as mixed-lock-accesses

(* The read and the write of one spin_lock() come right after each other *)
let lock-pair = ([LKR] ; po-loc ; [LKW]) \ (po ; po)
let rmw = rmw | lock-pair

flag ~empty LKW \ range(lock-pair) as unpaired-LKW
flag ~empty LKR \ domain(lock-pair) as unpaired-LKR

(*
 * Taking a lock this CPU already holds never returns, and
 * spin_is_locked() on a lock this CPU holds is never false: executions
 * that do either do not exist.
 *)
empty ([LKW] ; po-loc ; [LKR]) \ (po-loc ; [UL] ; po-loc) as lock-nest
empty ([LKW] ; po-loc ; [RU]) \ (po-loc ; [UL] ; po-loc) as nested-is-locked

(* The final value of a lock means nothing *)
flag ~empty [FW] ; loc ; [LockOps] as lock-final

(* From here on the lock reads are reads and the lock writes writes. *)
let R = R | LKR | SawHeld | RU
let W = W | LKW

(* Each lock write is held until this CPU's next unlock of that lock *)
let held = ([LKW] ; po-loc ; [UL]) \ (po-loc ; [LKW | UL] ; po-loc)
flag ~empty UL \ range(held) as unmatched-unlock

(* Two CPUs cannot both keep a lock forever: one of them would spin *)
let NeverReleased = LKW \ domain(held)
empty ([NeverReleased] ; loc ; [NeverReleased]) \ id as unmatched-locks

(*
 * Choosing among alternatives: cross(S), for S a set of sets of
 * relations, is the set of every union of one member of each, and
 * generate_orders(E, r) the set of relations that order the events of E
 * totally, location by location, extending r (weakmem's cross.cat
 * computes both natively).
 *)
include "cross.cat"

(* The edges of a relation, one relation per edge *)
let edges r = map (fun p -> p ++ 0) r

(*
 * A read that found the lock held inside this CPU's own critical section
 * read this CPU's lock write; anywhere else, it read the lock write of
 * some other CPU (one choice per read).
 *)
let held-own = ([LKW] ; po-loc ; [SawHeld]) \ ([LKW] ; po-loc ; [UL] ; po-loc)
let held-by-other e = edges(([LKW] ; loc ; [{e}]) & ext)
with held-other from cross(map held-by-other (SawHeld \ range(held-own)))

(*
 * spin_is_locked() returning false read an unlock: this CPU's latest
 * unlock of that lock, or the initial state or an unlock of another CPU.
 *)
let own-last-unlock = ([UL] ; po-loc ; [RU]) \ ([UL] ; po-loc ; [UL] ; po-loc)
let free-sources = own-last-unlock | (([UL | IW] ; loc ; [RU]) & ext)
let freed-by e = edges(free-sources ; [{e}])
with saw-free from cross(map freed-by RU)

let rf = rf | held-own | held-other | saw-free

(*
 * Coherence.  Per location, co is a total order of the writes (lock
 * writes included; unlocks are placed afterwards) that starts with the
 * initial write, ends with the final write of the outcome, puts each lock
 * write after the initial value and puts a lock that is never released
 * after every other lock write.  Orders that coherence would reject at
 * once, because they contradict program order and reads-from, are not
 * generated at all.
 *)
let co-given =
  co0 | ([IW] ; loc ; [LKW]) | (([LKW] ; loc ; [NeverReleased]) \ id)
let co-implied =
    ([W] ; po-loc ; [W])
  | (rf ; [R] ; po-loc ; [W])
  | (([W] ; po-loc ; [R] ; rf^-1) \ id)
  | ((rf ; [R] ; po-loc ; [R] ; rf^-1) \ id)
  | ([W] ; rf ; [R & W])
let co-forced = co-given | co-implied
acyclic co-forced as co-consistent

with co from generate_orders(W, co-forced)

(*
 * Unlocks join the writes.  An unlock comes in co right after the lock
 * write it releases: what follows that lock write follows the unlock.
 *)
let W = W | UL
let M = R | W
let co = (co | held | (held^-1 ; co))+
let coe = co & ext
let coi = co & int

(*
 * spin_lock() reads the value its lock write overwrites, which must be
 * the initial state or an unlock.
 *)
let co-next = co \ (co ; co)
let rf = rf | ([IW | UL] ; co-next ; lock-pair^-1)
let rfe = rf & ext
let rfi = rf & int

let fr = rf^-1 ; co
let fre = fr & ext
let fri = fr & int
`;
