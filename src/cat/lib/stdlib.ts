/**
 * weakmem's standard library, loaded before every model (herd loads its
 * stdlib.cat the same way). Same names and meaning as herd's; `fencerel`
 * and `map` are native.
 */
export const STDLIB_CAT = `"weakmem standard library"

(* Sets and old names *)
let emptyset = domain 0
let NDATA = ADDR
let partition = classes-loc
let tag2instrs = tag2events
let PoD = B
let BR = PoD

(* Relations derived from the base ones *)
let po-loc = po & loc
let rfi = rf & int
let rfe = rf & ext

(* Coherence facts known in advance: initial writes first, final writes last *)
let co0 = loc & ((IW * (W \\ IW)) | ((W \\ FW) * FW))

(* Lifting sets and fences to relations *)
let toid(s) = [s]
let fencerel(B) = wm.fencerel(B)
let ctrlcfence(ctrl, CFENCE) = (ctrl & (_ * CFENCE)) ; po
let inv-field = try inv-domain with 0

(* Small combinators *)
let imply(A, B) = ~A | B
let nodetour(R1, R2, R3) = R1 \\ (R2 ; R3)
let singlestep(R) = nodetour(R, R, R)
let udr r = domain r | range r
let map f = wm.map f

(* Inclusion checks *)
procedure subseteq(A, B) = empty A \\ B end
procedure inclusion(r1, r2) = empty r1 \\ r2 end
procedure total(r, E) =
  let both-ways = r | r^-1
  call inclusion(E * E, both-ways)
end

(* Sets some architectures lack *)
let LKW = try LKW with emptyset
let PTE = try PTE with emptyset
let EX = try EX with emptyset
let X = try X with emptyset

(* Read-modify-write pairs: exclusive pairs and atomic instructions *)
let lxsx = [R & EX] ; po \\ (po ; [M & EX] ; po) ; [W & EX]
let amo =
  [Exp & R & X] ; (same-instance \\ id) & loc ; [Exp & W & X] |
  [NExp & PTE & R] ; iico_data & loc ; [NExp & PTE & W]
let rmw = amo | lxsx
`;
