/**
 * Sequential consistency for kernel C tests, with spinlocks, RMW atomicity and RCU.
 * Text of the built-in file `weakmem-sc.cat` (see registry.ts).
 */
export const SC_CAT = String.raw`(*
 * weakmem built-in model "sc": sequential consistency for kernel C tests.
 *
 * The CPUs take turns: every execution is an interleaving of the
 * threads' events, each read seeing the latest write to its location.
 * Barriers and annotations change nothing, since everything is already
 * ordered; what still matters is spelled out here:
 *   - spinlocks, through the same lock handling as "lkmm"
 *     (weakmem-kernel-locks.cat): mutual exclusion and lock hand-over;
 *   - atomic RMWs: nothing comes between their read and their write;
 *   - RCU and SRCU: a grace period still waits for the read-side
 *     critical sections that started before it (see below).
 * It is used with the LKMM bell and macro file, for the events, the
 * critical sections and the kernel primitives.
 *)

"weakmem SC: sequential consistency for kernel C tests"

include "weakmem-kernel-locks.cat"

(* No other CPU's write comes between the read and the write of an RMW. *)
empty rmw & (fre ; coe) as atomic

(* One global order of all events, agreeing with each CPU's program order. *)
let sc-order = po | rf | co | fr
acyclic sc-order as sc

(*
 * RCU under SC.  Interleaving alone does not give RCU's guarantee:
 * synchronize_rcu() takes time, and must not return while a read-side
 * critical section that began before it is still running.  The
 * guarantee is the LKMM's rule, with "earlier in the interleaving" as the
 * order that joins grace periods and critical sections: a chain with at
 * least as many grace periods as critical sections orders its ends.
 *)
let earlier = sc-order+
let joined = earlier
let sc-rcu-cs = try rcu-cs with 0
let sc-srcu-cs = try srcu-cs with 0
let Sync-rcu-sc = try Sync-rcu with emptyset
let Sync-srcu-sc = try Sync-srcu with emptyset
let rcu-back = sc-rcu-cs^-1
let srcu-back = sc-srcu-cs^-1
let rec gp-chain =
  let between = joined | (joined ; gp-chain ; joined) in
  [Sync-rcu-sc] | [Sync-srcu-sc]
  | ([Sync-rcu-sc] ; between ; rcu-back)
  | (rcu-back ; between ; [Sync-rcu-sc])
  | (([Sync-srcu-sc] ; between ; srcu-back) & loc)
  | ((srcu-back ; between ; [Sync-srcu-sc]) & loc)
  | (gp-chain ; joined ; gp-chain)
let rcu-fence = po ; gp-chain ; po?
irreflexive rcu-fence ; earlier? as rcu
`;
