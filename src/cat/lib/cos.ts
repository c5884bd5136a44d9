/**
 * Coherence-order generation (herd's cos*.cat and cross.cat): the model
 * binds `co` to each order extending the observed constraints. Products
 * of per-location orders are computed natively.
 */
export const CROSS_CAT = `Cross
(* Orders of each location's writes, and their combinations *)
let co_locs(pco, wss) = map (fun ws -> linearisations(ws, pco)) wss
let cross = wm.cross
let generate_orders(s, pco) = wm.generate-orders(s, pco)
let generate_cos(pco) = generate_orders(W, pco)
`;

const AFTER_CO = `(* co is now one coherence order *)
let coi = co & int
let coe = co \\ coi
let fr = (invrf ; co) \\ id
let fri = fr & int
let fre = fr \\ fri
show co,fr
`;

export const COS_CAT = `"Generate co's"
(* The optimised generator when variant cos-opt is set *)
if "cos-opt" include "cos-ok-opt.cat" else include "cos-no-opt.cat" end
let ca = fr | co
`;

export const COS_NO_OPT_CAT = `"Generate co's"
include "cross.cat"
let invrf = rf^-1
let cobase = co0
with co from generate_cos(cobase)
${AFTER_CO}`;

/** Constraints on co that the test itself observes (reads and writes in program order). */
const OBSERVED = `let invrf = rf^-1
let obsco =
  let ww = po-loc & (W * W)
  and rw = rf ; (po-loc & (R * W))
  and wr = ((po-loc & (W * R)) ; invrf) \\ id
  and rr = (rf ; (po-loc & (R * R)) ; invrf) \\ id
  in ww | rw | wr | rr
`;

/** Events that are both a read and a write are atomic: the write they read from precedes them. */
const RMWCO = `let rmwco = let _RMW = R & W in rf & (W * _RMW)
`;

export const COS_OPT_CAT = `"Generate co's"
${OBSERVED}${RMWCO}let cobase = obsco | rmwco | co0
acyclic cobase as ConsCo
include "cross.cat"
with co from generate_cos(cobase)
${AFTER_CO}`;

export const COS_OK_OPT_CAT = `"Generate co's"
(* pco, the observed coherence constraints and co0, is predefined *)
let invrf = rf^-1
${RMWCO}let cobase = rmwco | pco
acyclic cobase as ConsCo
include "cross.cat"
with co from generate_cos(cobase)
${AFTER_CO}`;
