import { describe, it, expect } from 'vitest';
import { introspectingBackward } from './examples';
import { runSnippet } from './run_snippet';

function example(id: string) {
  const ex = introspectingBackward.find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return ex;
}

describe('seed article 003: Understanding and Introspecting torch.autograd.backward', () => {
  for (const ex of introspectingBackward) {
    it(`${ex.id} ${ex.title}`, () => {
      const run = runSnippet(ex.source);
      expect(run.error?.message ?? null).toBe(ex.error ?? null);
      expect(run.stdout).toBe(ex.expected);
    });
  }

  // The article prints nothing; these are PyTorch's values for the same seeded program: they
  // check nn.Linear's initialisation, the forward pass, MSELoss and one SGD step.
  it('003-2 Net: output, loss, and fc2.bias after the step', () => {
    const run = runSnippet(`${example('003-2').source}
print(output_tensor);
print(loss);
print(net.fc2.bias);`);
    expect(run.error).toBeNull();
    expect(run.stdout).toBe(`tensor([[ 0.0088,  0.2678, -0.0783, -0.0878, -0.0180, -0.0522,  0.0577, -0.2603,
          0.1850,  0.2528]], grad_fn=<AddmmBackward0>)
tensor(0.7063, grad_fn=<MseLossBackward0>)
Parameter containing:
tensor([ 0.0697,  0.0459,  0.0357, -0.0216,  0.0470,  0.0397,  0.0340, -0.0026,
         0.0129, -0.0021], requires_grad=True)
`);
  });

  it('003-2 Net registers its layers as parameters', () => {
    const run = runSnippet(`${example('003-2').source}
for (const [name, p] of net.named_parameters()) print(name, p.numel());`);
    expect(run.error).toBeNull();
    expect(run.stdout).toBe(`fc1.weight 384
fc1.bias 128
fc2.weight 1280
fc2.bias 10
`);
  });
});
