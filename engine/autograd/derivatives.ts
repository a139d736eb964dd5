/**
 * The local rule of every Node the engine records, in words, as PyTorch's derivatives.yaml states
 * it: per differentiable input (in next_functions order) its name and the gradient it receives.
 * Each op module declares the rules of the Nodes it records beside their backward functions, with
 * `derivatives({...})`; the backward stepper's chain-rule panel shows them (the trace carries each
 * step's rule), and a test fails when a Node name the engine can record has none.
 */
import { RuntimeError } from '../errors';

export interface Derivative {
  /** The inputs' names in next_functions order (PyTorch's argument names: self, other, mat2, ...). */
  inputs: string[];
  /** The gradient each input receives, in terms of `grad`, the saved values and `result`. */
  grads: string[];
  /** One rule for any number of inputs (cat, stack): `inputs[0]` names them, `grads[0]` is input i's, with `i`. */
  variadic?: boolean;
}

const table = new Map<string, Derivative>();

/** Declares the rules of Nodes, keyed by Node name (`MulBackward0`). */
export function derivatives(rules: Record<string, Derivative>): void {
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.inputs.length === 0 || rule.inputs.length !== rule.grads.length) {
      throw new RuntimeError(`internal error: the rule of ${name} names ${rule.inputs.length} inputs and ${rule.grads.length} gradients`);
    }
    if (table.has(name)) throw new RuntimeError(`internal error: ${name}'s rule is declared twice`);
    table.set(name, rule);
  }
}

/** The rule of a Node, by its name (a namespace prefix as `torch::autograd::` included), or undefined. */
export function derivativeOf(name: string): Derivative | undefined {
  return table.get(name);
}

/** Every Node name with a declared rule. */
export function declaredDerivatives(): string[] {
  return [...table.keys()];
}

/** The rule for input `i` of a Node, with its name: `{ input: 'other', grad: 'grad · self' }`. */
export function ruleForInput(rule: Derivative, i: number): { input: string; grad: string } {
  if (rule.variadic) return { input: `${rule.inputs[0]}[${i}]`, grad: rule.grads[0].replaceAll('[i]', `[${i}]`) };
  return { input: rule.inputs[i] ?? `input ${i}`, grad: rule.grads[i] ?? '' };
}
