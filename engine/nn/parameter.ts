/** `nn.Parameter`: a leaf tensor that a Module registers as one of its parameters. */
import { Tensor, FLOAT_ONLY_GRAD_MESSAGE } from '../tensor';
import { isFloating } from '../dtype';
import { RuntimeError } from '../errors';

export class Parameter extends Tensor {
  /** Shares `data`'s storage and version counter, detached from its graph (as `_make_subclass`). */
  constructor(dataArg?: Tensor | null, requires_grad = true) {
    const data = dataArg ?? Tensor._empty([0], 'float32');
    super(data._data, data.shape, data.dtype, { strides: data._strides.slice(), offset: data._offset, version: data._versionCounter, device: data.device });
    if (requires_grad && !isFloating(data.dtype)) throw new RuntimeError(FLOAT_ONLY_GRAD_MESSAGE);
    this._requires_grad = requires_grad;
  }

  /** Python's `Parameter.__repr__`: the tensor's repr under a header line. */
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
