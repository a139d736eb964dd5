/** Graphs the tests build again and again, made once here. */
import torch from '../index';

/** The first seed article's example (000-3 and on): `y = x + 2`, `z = y * y * 3`, `out = z.mean()`. */
export function firstExample() {
  const x = torch.ones(2, 2, { requires_grad: true });
  const y = x.add(2);
  const z = y.mul(y).mul(3);
  const out = z.mean();
  return { x, y, z, out };
}
