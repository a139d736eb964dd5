/**
 * The five seed articles' code examples, ported to Gradlab's TypeScript (../../../shared/API.md's
 * Python→TypeScript table). Each `source` is the snippet a student types in the playground, with
 * the globals torch, nn, F, optim, print and make_dot; the lessons and the e2e tests run these very
 * strings. `expected` is what PyTorch 1.13 really prints for `python` (pasted from a run of
 * /usr/bin/python3), which is not always what the article shows: the differences are noted
 * beside each expected literal.
 *
 * An example that continues an earlier one repeats the lines it builds on (without their prints),
 * so every snippet runs on its own. Where an article prints nothing, `expected` is '' and the
 * tests check the resulting values separately.
 */

export interface SeedExample {
  id: string;
  title: string;
  /** The TypeScript snippet as typed in the playground. */
  source: string;
  /** The article's Python, with the additions (seeds, data, prints of notebook echoes) marked. */
  python: string;
  /** The full printed output: PyTorch's real one. */
  expected: string;
  /** Where the example raises: PyTorch's message (what `expected` holds was printed before it). */
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// 000: "Understanding Autograd" (Alex Abades Grimes)

export const understandingAutograd: SeedExample[] = [
  {
    id: '000-1',
    title: 'A tensor that requires grad',
    source: `const x = torch.ones(2, 2, {requires_grad: true});
print(x);`,
    python: `import torch
x = torch.ones(2, 2, requires_grad=True)
print(x)`,
    // The article indents the second row by 8 spaces, not PyTorch's 8 after "tensor(".
    expected: `tensor([[1., 1.],
        [1., 1.]], requires_grad=True)
`,
  },
  {
    id: '000-2',
    title: 'y = x + 2 has a grad_fn',
    source: `const x = torch.ones(2, 2, {requires_grad: true});
const y = x.add(2);
print(y);`,
    python: `import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
print(y)`,
    // The article writes grad_fn=< AddBackward0 >, with spaces PyTorch does not print.
    expected: `tensor([[3., 3.],
        [3., 3.]], grad_fn=<AddBackward0>)
`,
  },
  {
    id: '000-3',
    title: 'z = y * y * 3 and its mean',
    source: `const x = torch.ones(2, 2, {requires_grad: true});
const y = x.add(2);
const z = y.mul(y).mul(3);
const out = z.mean();

print(z);
print(out);`,
    python: `import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()

print(z)
print(out)`,
    // The article writes grad_fn=< MulBackward0 > and < MeanBackward0 >, with spaces.
    expected: `tensor([[27., 27.],
        [27., 27.]], grad_fn=<MulBackward0>)
tensor(27., grad_fn=<MeanBackward0>)
`,
  },
  {
    id: '000-4',
    title: 'out.backward() gives d(out)/dx',
    source: `const x = torch.ones(2, 2, {requires_grad: true});
const y = x.add(2);
const z = y.mul(y).mul(3);
const out = z.mean();

out.backward();
print(x.grad);`,
    python: `import torch
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
z = y * y * 3
out = z.mean()

out.backward()
print(x.grad)`,
    expected: `tensor([[4.5000, 4.5000],
        [4.5000, 4.5000]])
`,
  },
  {
    id: '000-5',
    title: 'Gradients before backward',
    source: `const x2 = torch.ones(5, 5, {requires_grad: true});
const y2 = x2.add(2);
const g2 = y2.mul(2);
const z2 = y2.sum();

print(x2, x2.grad);
print(y2, y2.grad);
print(g2, g2.grad);
print(z2, z2.grad);`,
    python: `import torch
x2 = torch.ones(5,5, requires_grad = True)
y2 = x2 + 2
g2 = y2*2
z2 = y2.sum()

print(x2, x2.grad)
print(y2, y2.grad)
print(g2, g2.grad)
print(z2, z2.grad)`,
    // The article adds commas, blank lines and spaces (", None", "grad_fn =< AddBackward0 >",
    // "<  MulBackward0 >") PyTorch does not print; PyTorch also warns on stderr about reading the
    // .grad of a non-leaf.
    expected: `tensor([[1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1.]], requires_grad=True) None
tensor([[3., 3., 3., 3., 3.],
        [3., 3., 3., 3., 3.],
        [3., 3., 3., 3., 3.],
        [3., 3., 3., 3., 3.],
        [3., 3., 3., 3., 3.]], grad_fn=<AddBackward0>) None
tensor([[6., 6., 6., 6., 6.],
        [6., 6., 6., 6., 6.],
        [6., 6., 6., 6., 6.],
        [6., 6., 6., 6., 6.],
        [6., 6., 6., 6., 6.]], grad_fn=<MulBackward0>) None
tensor(75., grad_fn=<SumBackward0>) None
`,
  },
  {
    id: '000-6',
    title: 'Gradients after z2.backward()',
    source: `const x2 = torch.ones(5, 5, {requires_grad: true});
const y2 = x2.add(2);
const g2 = y2.mul(2);
const z2 = y2.sum();

z2.backward();

print(x2.grad);
print(y2.grad);
print(g2.grad);
print(z2.grad);`,
    python: `import torch
x2 = torch.ones(5,5, requires_grad = True)
y2 = x2 + 2
g2 = y2*2
z2 = y2.sum()

z2.backward()

print(x2.grad)
print(y2.grad)
print(g2.grad)
print(z2.grad)`,
    // The article shows y2.grad as a tensor of 2s: without retain_grad() a non-leaf's .grad is
    // None (and even with it, y2.grad would be 1s: g2 plays no part in z2).
    expected: `tensor([[1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1.],
        [1., 1., 1., 1., 1.]])
None
None
None
`,
  },
];

// ---------------------------------------------------------------------------------------------
// 001: "Automatic Differentiation in PyTorch" (Daniel Voigt Godoy, ODSC)
//
// The article uses x_train_tensor / y_train_tensor from the book, made with NumPy
// (np.random.seed(42); x = np.random.rand(100, 1); y = 1 + 2 * x + .1 * np.random.randn(100, 1),
// shuffled, split 80/20). They are recreated here with torch's own generator, in the snippet and
// in the Python alike, so the numbers differ from the book's.

const TRAIN_DATA_TS = `// The book's training data, recreated with torch's generator
torch.manual_seed(42);
const x_train_tensor = torch.rand(80, 1);
const y_train_tensor = x_train_tensor.mul(2).add(1).add(torch.randn(80, 1).mul(0.1));
`;

const TRAIN_DATA_PY = `# added: the book's training data, recreated with torch's generator
torch.manual_seed(42)
x_train_tensor = torch.rand(80, 1)
y_train_tensor = x_train_tensor.mul(2).add(1).add(torch.randn(80, 1).mul(0.1))
`;

const STEP0_TS = `const device = torch.webgpu.is_available() ? 'webgpu' : 'cpu';
// Step 0 - Initializes parameters "b" and "w" randomly
torch.manual_seed(42);
let b = torch.randn(1, {requires_grad: true, dtype: torch.float, device: device});
let w = torch.randn(1, {requires_grad: true, dtype: torch.float, device: device});
`;

const STEP0_PY = `device = 'cuda' if torch.cuda.is_available() else 'cpu'
# Step 0 - Initializes parameters "b" and "w" randomly
torch.manual_seed(42)
b = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
w = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
`;

const STEPS_1_TO_3_TS = `// Step 1 - Computes our model's predicted output - forward pass
let yhat = b.add(w.mul(x_train_tensor));
// Step 2 - Computes the loss
// We are using ALL data points, so this is BATCH gradient descent.
// How wrong is our model? That's the error!
let error = y_train_tensor.sub(yhat);
// It is a regression, so it computes mean squared error (MSE)
let loss = error.pow(2).mean();
// Step 3 - Computes gradients for both "b" and "w" parameters
// No more manual computation of gradients!
loss.backward();
`;

const STEPS_1_TO_3_PY = `# Step 1 - Computes our model's predicted output - forward pass
yhat = b + w * x_train_tensor
# Step 2 - Computes the loss
# We are using ALL data points, so this is BATCH gradient descent.
# How wrong is our model? That's the error!
error = (y_train_tensor - yhat)
# It is a regression, so it computes mean squared error (MSE)
loss = (error ** 2).mean()
# Step 3 - Computes gradients for both "b" and "w" parameters
# No more manual computation of gradients!
loss.backward()
`;

export const automaticDifferentiation: SeedExample[] = [
  {
    id: '001-1',
    title: 'Parameters that require grad',
    source: STEP0_TS,
    python: `import torch
${STEP0_PY}`,
    expected: '',
  },
  {
    id: '001-2',
    title: 'loss.backward() and the gradients',
    source: `${TRAIN_DATA_TS}${STEP0_TS}${STEPS_1_TO_3_TS}
// A notebook echoes the tuple \`b.grad, w.grad\`
print([b.grad, w.grad]);`,
    python: `import torch
${TRAIN_DATA_PY}${STEP0_PY}${STEPS_1_TO_3_PY}
print((b.grad, w.grad))  # changed: the notebook echo of \`b.grad, w.grad\``,
    // The article shows no output here.
    expected: `(tensor([-3.3426]), tensor([-2.0921]))
`,
  },
  {
    id: '001-3',
    title: 'zero_() the gradients',
    source: `${TRAIN_DATA_TS}${STEP0_TS}${STEPS_1_TO_3_TS}
// A notebook echoes the tuple \`b.grad.zero_(), w.grad.zero_()\`
print([b.grad.zero_(), w.grad.zero_()]);`,
    python: `import torch
${TRAIN_DATA_PY}${STEP0_PY}${STEPS_1_TO_3_PY}
print((b.grad.zero_(), w.grad.zero_()))  # changed: the notebook echo of \`b.grad.zero_(), w.grad.zero_()\``,
    // The article shows no output here.
    expected: `(tensor([0.]), tensor([0.]))
`,
  },
  {
    id: '001-4',
    title: 'Updating a leaf in place fails',
    source: `${TRAIN_DATA_TS}${STEP0_TS}${STEPS_1_TO_3_TS}
const lr = 0.1;
// Attempt at Step 4
b.sub_(b.grad.mul(lr));
w.sub_(w.grad.mul(lr));`,
    python: `import torch
${TRAIN_DATA_PY}${STEP0_PY}${STEPS_1_TO_3_PY}
lr = 0.1
# Attempt at Step 4
b -= lr * b.grad
w -= lr * w.grad`,
    expected: '',
    error: 'a leaf Variable that requires grad is being used in an in-place operation.',
  },
  {
    id: '001-5',
    title: 'Updating under no_grad',
    source: `${TRAIN_DATA_TS}${STEP0_TS}${STEPS_1_TO_3_TS}
const lr = 0.1;
// Step 4, for real
torch.no_grad(() => {
  b.sub_(b.grad.mul(lr));
  w.sub_(w.grad.mul(lr));
});`,
    python: `import torch
${TRAIN_DATA_PY}${STEP0_PY}${STEPS_1_TO_3_PY}
lr = 0.1
# Step 4, for real
with torch.no_grad():
    b -= lr * b.grad
    w -= lr * w.grad`,
    expected: '',
  },
  {
    id: '001-6',
    title: 'The training loop',
    source: `${TRAIN_DATA_TS}${STEP0_TS}
const lr = 0.1;

for (let epoch = 0; epoch < 200; epoch++) {
  // Step 1 - Computes our model's predicted output - forward pass
  const yhat = b.add(w.mul(x_train_tensor));
  // Step 2 - Computes the loss
  const error = y_train_tensor.sub(yhat);
  const loss = error.pow(2).mean();
  // Step 3 - Computes gradients for both "b" and "w" parameters
  loss.backward();
  // Step 4, for real
  torch.no_grad(() => {
    b.sub_(b.grad.mul(lr));
    w.sub_(w.grad.mul(lr));
  });
  // This code will be placed after Step 4 (updating the parameters)
  b.grad.zero_();
  w.grad.zero_();
}`,
    python: `import torch
${TRAIN_DATA_PY}${STEP0_PY}
lr = 0.1

for epoch in range(200):
    # Step 1 - Computes our model's predicted output - forward pass
    yhat = b + w * x_train_tensor
    # Step 2 - Computes the loss
    error = (y_train_tensor - yhat)
    loss = (error ** 2).mean()
    # Step 3 - Computes gradients for both "b" and "w" parameters
    loss.backward()
    # Step 4, for real
    with torch.no_grad():
        b -= lr * b.grad
        w -= lr * w.grad
    # This code will be placed after Step 4 (updating the parameters)
    b.grad.zero_(), w.grad.zero_()`,
    expected: '',
  },
  {
    id: '001-7',
    title: 'make_dot(yhat)',
    source: `${TRAIN_DATA_TS}${STEP0_TS}
const yhat = b.add(w.mul(x_train_tensor));
make_dot(yhat);`,
    python: `import torch
${TRAIN_DATA_PY}${STEP0_PY}
yhat = b + w * x_train_tensor
make_dot(yhat)`,
    expected: '',
  },
  {
    id: '001-8',
    title: 'make_dot without a gradient for b',
    source: `${TRAIN_DATA_TS}${STEP0_TS}
// New Step 0
const b_nograd = torch.randn(1, {requires_grad: false, dtype: torch.float, device: device});
w = torch.randn(1, {requires_grad: true, dtype: torch.float, device: device});
// New Step 1
const yhat = b_nograd.add(w.mul(x_train_tensor));
make_dot(yhat);`,
    python: `import torch
${TRAIN_DATA_PY}${STEP0_PY}
# New Step 0
b_nograd = torch.randn(1, requires_grad=False, dtype=torch.float, device=device)
w = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
# New Step 1
yhat = b_nograd + w * x_train_tensor
make_dot(yhat)`,
    expected: '',
  },
  {
    id: '001-9',
    title: 'Control flow in the graph',
    source: `${TRAIN_DATA_TS}${STEP0_TS}
b = torch.randn(1, {requires_grad: true, dtype: torch.float, device: device});
w = torch.randn(1, {requires_grad: true, dtype: torch.float, device: device});
const yhat = b.add(w.mul(x_train_tensor));
const error = y_train_tensor.sub(yhat);
const loss = error.pow(2).mean();
// this makes no sense!!
if (loss.item() > 0) {
  const yhat2 = w.mul(x_train_tensor);
  const error2 = y_train_tensor.sub(yhat2);
  // neither does this :-)
  loss.add_(error2.mean());
}
make_dot(loss);`,
    python: `import torch
${TRAIN_DATA_PY}${STEP0_PY}
b = torch.randn(1, requires_grad=True, dtype=torch.float, device=device)
w = torch.randn(1, requires_grad=True,dtype=torch.float, device=device)
yhat = b + w * x_train_tensor
error = y_train_tensor - yhat
loss = (error ** 2).mean()
# this makes no sense!!
if loss > 0:
    yhat2 = w * x_train_tensor
    error2 = y_train_tensor - yhat2
    # neither does this :-)
    loss += error2.mean()
make_dot(loss)`,
    expected: '',
  },
];

// ---------------------------------------------------------------------------------------------
// 002: "PyTorch Autograd" (Vaibhav Kumar)

export const pytorchAutograd: SeedExample[] = [
  {
    id: '002-1',
    title: 'Ways to create gradient enabled tensors',
    source: `let x = torch.randn(2, 2, {requires_grad: true});

// From numpy: a Float64Array stands for the float64 NumPy array
x = torch.from_numpy(new Float64Array([1., 2., 3.])); // Only Tensors of floating point dtype can require gradients
// Now enable gradient
x.requires_grad_(true);
// _ above makes the change in-place (its a common pytorch thing)`,
    python: `import torch
import numpy as np

x = torch.randn(2, 2, requires_grad = True)

# From numpy
x = np.array([1., 2., 3.]) #Only Tensors of floating point dtype can require gradients
x = torch.from_numpy(x)
# Now enable gradient 
x.requires_grad_(True)
# _ above makes the change in-place (its a common pytorch thing)`,
    expected: '',
  },
  {
    id: '002-2',
    title: 'The members of x, y and z = x * y',
    source: [
      '// Creating the graph',
      'const x = torch.tensor(1.0, {requires_grad: true});',
      'const y = torch.tensor(2.0);',
      'const z = x.mul(y);',
      '',
      "// Python's f-string {v}: None, True, False, and a one-value tensor as its float (1.0)",
      'const str = (v) => {',
      '  if (torch.is_tensor(v) && v.dim() === 0) {',
      '    const n = v.item();',
      '    return Number.isInteger(n) ? n.toFixed(1) : String(n);',
      '  }',
      '  return torch.format([v]);',
      '};',
      '',
      '// Displaying',
      "for (const [i, name] of [[x, 'x'], [y, 'y'], [z, 'z']] as const) {",
      '  print(`${name}\\ndata: ${str(i.data)}\\nrequires_grad: ${str(i.requires_grad)}\\n' +
        'grad: ${str(i.grad)}\\ngrad_fn: ${str(i.grad_fn)}\\nis_leaf: ${str(i.is_leaf)}\\n`);',
      '}',
    ].join('\n'),
    python: `import torch

# Creating the graph
x = torch.tensor(1.0, requires_grad = True)
y = torch.tensor(2.0)
z = x * y

# Displaying
for i, name in zip([x, y, z], "xyz"):
    print(f"{name}\\ndata: {i.data}\\nrequires_grad: {i.requires_grad}\\n\\
grad: {i.grad}\\ngrad_fn: {i.grad_fn}\\nis_leaf: {i.is_leaf}\\n")`,
    // The article shows no output. Node addresses differ from run to run (tests mask them).
    expected: `x
data: 1.0
requires_grad: True
grad: None
grad_fn: None
is_leaf: True

y
data: 2.0
requires_grad: False
grad: None
grad_fn: None
is_leaf: True

z
data: 2.0
requires_grad: True
grad: None
grad_fn: <MulBackward0 object at 0x7f1f546b9780>
is_leaf: False

`,
  },
  {
    id: '002-3',
    title: 'no_grad stops the tracking',
    source: `// Creating the graph
const x = torch.tensor(1.0, {requires_grad: true});
// Check if tracking is enabled
print(x.requires_grad); // True
let y = x.mul(2);
print(y.requires_grad); // True

torch.no_grad(() => {
  // Check if tracking is enabled
  y = x.mul(2);
  print(y.requires_grad); // False
});`,
    python: `import torch
# Creating the graph
x = torch.tensor(1.0, requires_grad = True)
# Check if tracking is enabled
print(x.requires_grad) #True
y = x * 2
print(y.requires_grad) #True

with torch.no_grad():
	# Check if tracking is enabled
	y = x * 2
	print(y.requires_grad) #False`,
    expected: `True
True
False
`,
  },
  {
    id: '002-4',
    title: 'z = x ** 3; dz/dx',
    source: `// Creating the graph
const x = torch.tensor(1.0, {requires_grad: true});
const z = x.pow(3);
z.backward(); // Computes the gradient
print(x.grad.data); // Prints '3' which is dz/dx`,
    python: `import torch
# Creating the graph
x = torch.tensor(1.0, requires_grad = True)
z = x ** 3
z.backward() #Computes the gradient 
print(x.grad.data) #Prints '3' which is dz/dx `,
    // The article's comment says '3'; PyTorch prints the tensor.
    expected: `tensor(3.)
`,
  },
  {
    id: '002-5',
    title: 'backward with an external gradient',
    source: `const x = torch.tensor([0.0, 2.0, 8.0], {requires_grad: true});
const y = torch.tensor([5.0, 1.0, 7.0], {requires_grad: true});
const z = x.mul(y);
z.backward(torch.tensor([1.0, 1.0, 1.0]));`,
    python: `import torch
x = torch.tensor([0.0, 2.0, 8.0], requires_grad = True)
y = torch.tensor([5.0 , 1.0 , 7.0], requires_grad = True)
z = x * y
z.backward(torch.FloatTensor([1.0, 1.0, 1.0]))`,
    expected: '',
  },
  {
    id: '002-6',
    title: 'backward of a non-scalar without a gradient',
    source: `const x = torch.tensor([0.0, 2.0, 8.0], {requires_grad: true});
const y = torch.tensor([5.0, 1.0, 7.0], {requires_grad: true});
const z = x.mul(y);
z.backward();`,
    python: `import torch
x = torch.tensor([0.0, 2.0, 8.0], requires_grad = True)
y = torch.tensor([5.0 , 1.0 , 7.0], requires_grad = True)
z = x * y
z.backward()`,
    expected: '',
    error: 'grad can be implicitly created only for scalar outputs',
  },
];

// ---------------------------------------------------------------------------------------------
// 003: "Understanding and Introspecting torch.autograd.backward" (hkhazo.biz.id)

export const introspectingBackward: SeedExample[] = [
  {
    id: '003-1',
    title: 'y.backward() on y = x ** 2',
    source: `// Create a tensor
const x = torch.tensor([2., 3., 4.], {requires_grad: true});

// Create a computation graph
const y = x.pow(2);

// Call backward() to compute gradients
y.backward();`,
    python: `import torch

# Create a tensor
x = torch.tensor([2., 3., 4.], requires_grad=True)

# Create a computation graph
y = x ** 2

# Call backward() to compute gradients
y.backward()`,
    // The article says this computes x.grad; y has 3 elements, so PyTorch raises.
    expected: '',
    error: 'grad can be implicitly created only for scalar outputs',
  },
  {
    id: '003-2',
    title: 'Training a small network one step',
    source: `class Net extends nn.Module {
  constructor() {
    super();
    this.fc1 = new nn.Linear(3, 128);
    this.fc2 = new nn.Linear(128, 10);
  }

  forward(x) {
    x = torch.relu(this.fc1(x));
    x = this.fc2(x);
    return x;
  }
}

torch.manual_seed(0); // added, so the numbers are reproducible

const net = new Net();
const criterion = new nn.MSELoss();
const optimizer = new torch.optim.SGD(net.parameters(), {lr: 0.01});

// Create a random input and target tensor
const input_tensor = torch.randn(1, 3);
const target_tensor = torch.randn(1, 10);

// Forward pass
const output_tensor = net(input_tensor);
const loss = criterion(output_tensor, target_tensor);

// Backward pass
loss.backward();

// Update model parameters
optimizer.step();`,
    python: `import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(3, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.fc2(x)
        return x

torch.manual_seed(0)  # added, so the numbers are reproducible

net = Net()
criterion = nn.MSELoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.01)

# Create a random input and target tensor
input_tensor = torch.randn(1, 3)
target_tensor = torch.randn(1, 10)

# Forward pass
output_tensor = net(input_tensor)
loss = criterion(output_tensor, target_tensor)

# Backward pass
loss.backward()

# Update model parameters
optimizer.step()`,
    expected: '',
  },
  {
    id: '003-3',
    title: 'Debugging the backward pass',
    source: `const autograd = torch.autograd;

// Create a tensor
const x = torch.tensor([2., 3., 4.], {requires_grad: true});

// Create a computation graph
const y = x.pow(2);

// Call backward() to compute gradients
y.backward();

// Inspect the gradient tensor
print(x.grad);

// Inspect the gradient function
print(x.grad_fn);

// Use torch.autograd.grad to compute gradients
const grads = autograd.grad(y, x, {retain_graph: true});
print(grads);`,
    python: `import torch
import torch.autograd as autograd

# Create a tensor
x = torch.tensor([2., 3., 4.], requires_grad=True)

# Create a computation graph
y = x ** 2

# Call backward() to compute gradients
y.backward()

# Inspect the gradient tensor
print(x.grad)

# Inspect the gradient function
print(x.grad_fn)

# Use torch.autograd.grad to compute gradients
grads = autograd.grad(y, x, retain_graph=True)
print(grads)`,
    // The article implies this prints x.grad, x.grad_fn and the grads; y.backward() raises first.
    expected: '',
    error: 'grad can be implicitly created only for scalar outputs',
  },
];

// ---------------------------------------------------------------------------------------------
// 004: "What is Autograd?" (Saad Akbar, Educative)
//
// The article names the vector StartVector, then StartingVector (a NameError in Python):
// StartingVector throughout here. Its plt.plot calls are left out (no matplotlib), and the code it
// does not show (print(b), the next_functions walk, out.backward()) is written out.

const LINSPACE_TS = `const StartingVector = torch.linspace(0., 2. * Math.PI, 25, {requires_grad: true});
`;

const LINSPACE_PY = `import torch
import math

StartingVector = torch.linspace(0., 2. * math.pi, steps=25, requires_grad=True)
`;

const CHAIN_TS = `${LINSPACE_TS}const b = torch.sin(StartingVector);
const c = torch.mul(2, b);
const d = c.add(1);
const out = d.sum();
`;

const CHAIN_PY = `${LINSPACE_PY}b = torch.sin(StartingVector)
c = 2 * b
d = c + 1
out = d.sum()
`;

export const whatIsAutograd: SeedExample[] = [
  {
    id: '004-1',
    title: 'A vector from linspace',
    source: `${LINSPACE_TS}print(StartingVector);`,
    python: `${LINSPACE_PY}print(StartingVector)  # added: the article shows this output`,
    // The article cuts off ", requires_grad=True)".
    expected: `tensor([0.0000, 0.2618, 0.5236, 0.7854, 1.0472, 1.3090, 1.5708, 1.8326, 2.0944,
        2.3562, 2.6180, 2.8798, 3.1416, 3.4034, 3.6652, 3.9270, 4.1888, 4.4506,
        4.7124, 4.9742, 5.2360, 5.4978, 5.7596, 6.0214, 6.2832],
       requires_grad=True)
`,
  },
  {
    id: '004-2',
    title: 'b = sin(StartingVector)',
    source: `${LINSPACE_TS}const b = torch.sin(StartingVector);
print(b);`,
    python: `${LINSPACE_PY}b = torch.sin(StartingVector)
print(b)  # added: the article shows this output`,
    // The article cuts off "grad_fn=<SinBackward0>)".
    expected: `tensor([ 0.0000e+00,  2.5882e-01,  5.0000e-01,  7.0711e-01,  8.6603e-01,
         9.6593e-01,  1.0000e+00,  9.6593e-01,  8.6603e-01,  7.0711e-01,
         5.0000e-01,  2.5882e-01, -8.7423e-08, -2.5882e-01, -5.0000e-01,
        -7.0711e-01, -8.6603e-01, -9.6593e-01, -1.0000e+00, -9.6593e-01,
        -8.6603e-01, -7.0711e-01, -5.0000e-01, -2.5882e-01,  1.7485e-07],
       grad_fn=<SinBackward0>)
`,
  },
  {
    id: '004-3',
    title: 'c = 2 * b, d = c + 1, out = d.sum()',
    source: `${CHAIN_TS}
print(c);
print(d);
print(out);`,
    python: `${CHAIN_PY}
print(c)  # added: the article shows this output
print(d)
print(out)`,
    // The article cuts off c's and d's grad_fn suffixes.
    expected: `tensor([ 0.0000e+00,  5.1764e-01,  1.0000e+00,  1.4142e+00,  1.7321e+00,
         1.9319e+00,  2.0000e+00,  1.9319e+00,  1.7321e+00,  1.4142e+00,
         1.0000e+00,  5.1764e-01, -1.7485e-07, -5.1764e-01, -1.0000e+00,
        -1.4142e+00, -1.7321e+00, -1.9319e+00, -2.0000e+00, -1.9319e+00,
        -1.7321e+00, -1.4142e+00, -1.0000e+00, -5.1764e-01,  3.4969e-07],
       grad_fn=<MulBackward0>)
tensor([ 1.0000e+00,  1.5176e+00,  2.0000e+00,  2.4142e+00,  2.7321e+00,
         2.9319e+00,  3.0000e+00,  2.9319e+00,  2.7321e+00,  2.4142e+00,
         2.0000e+00,  1.5176e+00,  1.0000e+00,  4.8236e-01, -3.5763e-07,
        -4.1421e-01, -7.3205e-01, -9.3185e-01, -1.0000e+00, -9.3185e-01,
        -7.3205e-01, -4.1421e-01,  4.7684e-07,  4.8236e-01,  1.0000e+00],
       grad_fn=<AddBackward0>)
tensor(25., grad_fn=<SumBackward0>)
`,
  },
  {
    id: '004-4',
    title: "d's history through next_functions",
    source: `${CHAIN_TS}
print(d.grad_fn);
print(d.grad_fn.next_functions);
print(d.grad_fn.next_functions[0][0].next_functions);
print(d.grad_fn.next_functions[0][0].next_functions[0][0].next_functions);`,
    python: `${CHAIN_PY}
print(d.grad_fn)  # added: the article shows only the output
print(d.grad_fn.next_functions)
print(d.grad_fn.next_functions[0][0].next_functions)
print(d.grad_fn.next_functions[0][0].next_functions[0][0].next_functions)`,
    // The article shows SinBackward; PyTorch 1.13 names it SinBackward0. Addresses vary (masked).
    expected: `<AddBackward0 object at 0x7f4b63cb0790>
((<MulBackward0 object at 0x7f4b63cb0820>, 0), (None, 0))
((<SinBackward0 object at 0x7f4b63cb0820>, 0), (None, 0))
((<AccumulateGrad object at 0x7f4b63cb0790>, 0),)
`,
  },
  {
    id: '004-5',
    title: 'out.backward() and the gradient',
    source: `${CHAIN_TS}
out.backward();
print(StartingVector.grad);`,
    python: `${CHAIN_PY}
out.backward()  # added: the article shows only the output
print(StartingVector.grad)`,
    expected: `tensor([ 2.0000e+00,  1.9319e+00,  1.7321e+00,  1.4142e+00,  1.0000e+00,
         5.1764e-01, -8.7423e-08, -5.1764e-01, -1.0000e+00, -1.4142e+00,
        -1.7321e+00, -1.9319e+00, -2.0000e+00, -1.9319e+00, -1.7321e+00,
        -1.4142e+00, -1.0000e+00, -5.1764e-01,  2.3850e-08,  5.1764e-01,
         1.0000e+00,  1.4142e+00,  1.7321e+00,  1.9319e+00,  2.0000e+00])
`,
  },
  {
    id: '004-6',
    title: 'Disabling autograd',
    source: `const a = torch.ones(2, 3, {requires_grad: true});
a.requires_grad = false;
const b = torch.mul(2, a);

const c = torch.no_grad(() => a.add(b));`,
    python: `import torch
a = torch.ones(2, 3, requires_grad=True)
a.requires_grad = False
b = 2 * a

with torch.no_grad():
    c = a + b`,
    expected: '',
  },
];

export const seedArticles = {
  '000_understanding_autograd': understandingAutograd,
  '001_automatic_differentiation': automaticDifferentiation,
  '002_pytorch_autograd': pytorchAutograd,
  '003_introspecting_backward': introspectingBackward,
  '004_what_is_autograd': whatIsAutograd,
} as const;
