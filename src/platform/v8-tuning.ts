// V8 settings the hub's processes run with, set before any work starts.
//
// Allocation-site pretenuring off: V8 samples, at each young-generation collection, how many objects
// of an allocation site are still alive, and from a high ratio decides that the site's objects live
// long and allocates them straight in the old generation. A cycle load's rows live for one batch,
// but a collection that runs while the hub waits for the view's server (an idle-time scavenge) finds
// the batch in hand alive, and the row, record and contract-check sites were "tenured": from then on
// every row went to the old generation and lived until a full collection (seen in 3 of 6 province
// loads: heap 220–265 MiB instead of ~125, peak RSS ~450 MiB instead of ~310, ~0.8 s more CPU).
// Without it every object starts young, which is what request and batch objects are.
import { setFlagsFromString } from 'node:v8';

export function tuneV8(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
