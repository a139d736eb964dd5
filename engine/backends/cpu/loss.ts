/** The host kernel of nll_loss: the picked log probabilities, read from host values. */
import { allocStorage, type DType, type StorageArray } from '../../dtype';
import { IndexError } from '../../errors';

export interface NllPicked {
  /** -weight[t] * input[n, t, s] per (n, s); 0 where the target is ignore_index. */
  losses: Float64Array;
  /** The gradient of each loss term w.r.t. input (input's layout), before the incoming gradient and the mean. */
  picked: StorageArray;
  total: number;
  totalWeight: number;
}

/** Over input values `x` laid out (N, C, S), targets `tv` (N, S), optional class weights `w`. */
export function nllPick(x: StorageArray, tv: StorageArray, w: StorageArray | undefined, [N, C, S]: readonly number[], ignoreIndex: number, dtype: DType): NllPicked {
  const picked = allocStorage(dtype, x.length);
  const losses = new Float64Array(N * S);
  let total = 0;
  let totalWeight = 0;
  for (let n = 0; n < N; n++) {
    for (let s = 0; s < S; s++) {
      const cls = tv[n * S + s];
      if (cls === ignoreIndex) continue;
      if (cls < 0 || cls >= C) throw new IndexError(`Target ${cls} is out of bounds.`);
      const wc = w ? w[cls] : 1;
      const at = (n * C + cls) * S + s;
      losses[n * S + s] = -wc * x[at];
      picked[at] = -wc;
      total += losses[n * S + s];
      totalWeight += wc;
    }
  }
  return { losses, picked, total, totalWeight };
}
