/** The layers and losses of `torch.nn`: Linear, the activations, Sequential, MSELoss, CrossEntropyLoss. */
import { Tensor, type Device } from '../tensor';
import { transfer } from '../backends';
import { get_default_device } from '../ops/creation';
import { defaultGenerator, kaimingUniformLinear } from '../random';
import { Module, pyName } from './module';
import { Parameter } from './parameter';
import * as F from './functional';

/** `y = x @ weight.T + bias`, initialised as PyTorch's reset_parameters draws it (kaiming-uniform). */
export class Linear extends Module {
  in_features: number;
  out_features: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(in_features: number, out_features: number, bias = true, deviceArg?: Device | null, dtypeArg?: 'float32' | 'float64' | null) {
    super();
    const dtype = dtypeArg ?? 'float32';
    const init = kaimingUniformLinear(defaultGenerator, in_features, out_features, bias, dtype);
    this.in_features = in_features;
    this.out_features = out_features;
    // Drawn on the CPU (PyTorch's generator), then put where factories put tensors (`device`,
    // else torch.set_default_device's).
    const device = deviceArg ?? get_default_device();
    const place = (t: Tensor) => (device === 'cpu' ? t : transfer(t, dtype, device));
    this.weight = new Parameter(place(new Tensor(init.weight, [out_features, in_features], dtype)));
    this.bias = init.bias ? new Parameter(place(new Tensor(init.bias, [out_features], dtype))) : null;
  }

  override forward(input: Tensor): Tensor {
    return F.linear(input, this.weight, this.bias);
  }

  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}

export class ReLU extends Module {
  inplace: boolean;

  constructor(inplace = false) {
    super();
    this.inplace = inplace;
  }

  override forward(input: Tensor): Tensor {
    return F.relu(input, this.inplace);
  }

  override extra_repr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor {
    return F.sigmoid(input);
  }
}

export class Tanh extends Module {
  override forward(input: Tensor): Tensor {
    return F.tanh(input);
  }
}

/** Runs its modules in order; they are registered as `0`, `1`, ... (so `seq[0]` works). */
export class Sequential extends Module {
  [index: number]: Module;

  constructor(modules: readonly Module[] = []) {
    super();
    modules.forEach((m, i) => this.add_module(String(i), m));
  }

  override forward(input: Tensor): Tensor {
    let x = input;
    for (const m of this.children()) x = m(x);
    return x;
  }
}

export class MSELoss extends Module {
  reduction: F.Reduction;

  constructor(size_average?: boolean | null, reduce?: boolean | null, reduction: F.Reduction = 'mean') {
    super();
    this.reduction = F.legacyReduction(size_average, reduce, reduction) as F.Reduction;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mse_loss(input, target, null, null, this.reduction);
  }
}

export class CrossEntropyLoss extends Module {
  weight: Tensor | null;
  ignore_index: number;
  reduction: F.Reduction;
  label_smoothing: number;

  constructor(weight?: Tensor | null, size_average?: boolean | null, ignore_index = -100, reduce?: boolean | null, reduction: F.Reduction = 'mean', label_smoothing = 0) {
    super();
    this.weight = weight ?? null;
    this.ignore_index = ignore_index;
    this.reduction = F.legacyReduction(size_average, reduce, reduction) as F.Reduction;
    this.label_smoothing = label_smoothing;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.cross_entropy(input, target, this.weight, null, this.ignore_index, null, this.reduction, this.label_smoothing);
  }
}

pyName(Linear, 'Linear');
pyName(ReLU, 'ReLU');
pyName(Sigmoid, 'Sigmoid');
pyName(Tanh, 'Tanh');
pyName(Sequential, 'Sequential');
pyName(MSELoss, 'MSELoss');
pyName(CrossEntropyLoss, 'CrossEntropyLoss');
