/**
 * The one place that declares the Python signature of every public function, method and
 * constructor of the engine; engine/bind/index.ts binds every call by it.
 *
 * - What PyTorch implements in C++ is a list of its argument parser's signature strings, in its
 *   order (generated from native_functions.yaml; `Tensor input` / `Tensor out` in the torch.*
 *   forms, neither in the Tensor methods). engine/bind/reference.test.ts holds every entry to what
 *   a running PyTorch 2.x declares (engine/bind/reference.json, by engine/bind/gen_reference.py).
 * - What PyTorch writes in Python is its `def` line, qualified as CPython names it in errors
 *   (`Tensor.backward`, `Linear.__init__`); `name: dict` marks a dict parameter (the
 *   options-object rule in engine/bind/index.ts).
 * - `noargs`: a C method that takes no arguments at all (CPython's METH_NOARGS errors).
 * - Names that exist only here (`from_array`, `item_async`, `index`, ...) get a `def` in the same
 *   style, as PyTorch would have written them.
 */

const FACTORY = 'ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False';
const LIKE = `Tensor input, *, MemoryFormat? memory_format=None, ${FACTORY}`;

const unaryFn = (name: string) => [`${name}(Tensor input, *, Tensor out=None)`];
const compareFn = (name: string) => [`${name}(Tensor input, Tensor other, *, Tensor out=None)`, `${name}(Tensor input, Scalar other, *, Tensor out=None)`];
const compareMethod = (name: string) => [`${name}(Tensor other)`, `${name}(Scalar other)`];
const sizeFactory = (name: string) => [`${name}(SymIntArrayRef size, *, Tensor out=None, ${FACTORY})`];
const randFactory = (name: string) => [
  `${name}(SymIntArrayRef size, *, Generator? generator, Tensor out=None, ${FACTORY})`,
  `${name}(SymIntArrayRef size, *, Tensor out=None, ${FACTORY})`,
];
const randLike = (name: string) => [
  `${name}(Tensor input, *, Generator? generator, MemoryFormat? memory_format=None, ${FACTORY})`,
  `${name}(${LIKE})`,
];
const reduceDtype = (name: string, self: string, out: string, outAll = '') => [
  `${name}(${self}*, ScalarType? dtype=None${outAll})`,
  `${name}(${self}IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None${out})`,
];
const varStd = (name: string, self: string, out: string) => [
  `${name}(${self}IntArrayRef[1]? dim, bool unbiased=True, bool keepdim=False${out ? ', *' + out : ''})`,
  `${name}(${self}IntArrayRef[1]? dim=None, *, Scalar? correction=None, bool keepdim=False${out})`,
  `${name}(${self}bool unbiased=True)`,
];
const extremeFn = (name: string) => [
  `${name}(Tensor input, *, Tensor out=None)`,
  `${name}(Tensor input, Tensor other, *, Tensor out=None)`,
  `${name}(Tensor input, int64_t dim, bool keepdim=False, *, TensorList[2] out=None)`,
];
const extremeMethod = (name: string) => [`${name}()`, `${name}(Tensor other)`, `${name}(int64_t dim, bool keepdim=False)`];
const truthFn = (name: string) => [
  `${name}(Tensor input, *, Tensor out=None)`,
  `${name}(Tensor input, IntArrayRef[1]? dim=None, bool keepdim=False, *, Tensor out=None)`,
  `${name}(Tensor input, int64_t dim, bool keepdim=False, *, Tensor out=None)`,
];
const truthMethod = (name: string) => [`${name}()`, `${name}(IntArrayRef[1]? dim=None, bool keepdim=False)`, `${name}(int64_t dim, bool keepdim=False)`];
const softmaxFn = (name: string) => [`${name}(Tensor input, int64_t dim, ScalarType? dtype=None, *, Tensor out=None)`];
const softmaxMethod = (name: string) => [`${name}(int64_t dim, ScalarType? dtype=None)`];
const to = (name: string) => [`${name}(*, MemoryFormat? memory_format=None)`];
const UNARY = ['exp', 'log', 'sqrt', 'abs', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'reciprocal', 'log2', 'log1p', 'expm1', 'rsqrt', 'sign', 'square', 'neg'] as const;
const COMPARE = ['gt', 'ge', 'lt', 'le', 'eq', 'ne'] as const;
const NOARGS = 'noargs';

type Spec = readonly string[] | string;

function each<K extends string>(names: readonly K[], spec: (name: K) => Spec): Record<K, Spec> {
  return Object.fromEntries(names.map((n) => [n, spec(n)])) as Record<K, Spec>;
}

function prefixed<P extends string, K extends string>(prefix: P, table: Record<K, Spec>): { [Q in K as `${P}.${Q}`]: Spec } {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}.${k}`, v])) as { [Q in K as `${P}.${Q}`]: Spec };
}

// ---- torch.* -------------------------------------------------------------------------------------

const TORCH = {
  tensor: [`tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, bool pin_memory=False, bool requires_grad=False)`],
  zeros: sizeFactory('zeros'),
  ones: sizeFactory('ones'),
  empty: [`empty(SymIntArrayRef size, *, MemoryFormat? memory_format=None, Tensor out=None, ${FACTORY})`],
  full: [`full(SymIntArrayRef size, Scalar fill_value, *, Tensor out=None, ${FACTORY})`],
  eye: [`eye(SymInt n, *, Tensor out=None, ${FACTORY})`, `eye(SymInt n, SymInt m, *, Tensor out=None, ${FACTORY})`],
  arange: [
    `arange(Scalar end, *, Tensor out=None, ${FACTORY})`,
    `arange(Scalar start, Scalar end, *, ${FACTORY})`,
    `arange(Scalar start, Scalar end, Scalar step=1, *, Tensor out=None, ${FACTORY})`,
  ],
  linspace: [
    `linspace(Tensor start, Tensor end, int64_t steps, *, Tensor out=None, ${FACTORY})`,
    `linspace(Scalar start, Tensor end, int64_t steps, *, Tensor out=None, ${FACTORY})`,
    `linspace(Tensor start, Scalar end, int64_t steps, *, Tensor out=None, ${FACTORY})`,
    `linspace(Scalar start, Scalar end, int64_t steps, *, Tensor out=None, ${FACTORY})`,
  ],
  rand: randFactory('rand'),
  randn: randFactory('randn'),
  randint: [
    `randint(SymInt high, SymIntArrayRef size, *, Generator? generator, Tensor out=None, ${FACTORY})`,
    `randint(SymInt high, SymIntArrayRef size, *, Tensor out=None, ${FACTORY})`,
    `randint(SymInt low, SymInt high, SymIntArrayRef size, *, Generator? generator, Tensor out=None, ${FACTORY})`,
    `randint(SymInt low, SymInt high, SymIntArrayRef size, *, Tensor out=None, ${FACTORY})`,
  ],
  randperm: [`randperm(SymInt n, *, Generator? generator, Tensor out=None, ${FACTORY})`, `randperm(SymInt n, *, Tensor out=None, ${FACTORY})`],
  zeros_like: [`zeros_like(${LIKE})`],
  ones_like: [`ones_like(${LIKE})`],
  empty_like: [`empty_like(${LIKE})`],
  rand_like: randLike('rand_like'),
  randn_like: randLike('randn_like'),
  full_like: [`full_like(Tensor input, Scalar fill_value, *, MemoryFormat? memory_format=None, ${FACTORY})`],
  from_array: 'def from_array(data, shape=None, *, dtype=None, device=None, requires_grad=False)',
  from_numpy: 'def from_numpy(data, shape=None, *, dtype=None, device=None, requires_grad=False)',
  set_default_device: 'def set_default_device(device)',
  get_default_device: 'def get_default_device()',
  manual_seed: 'def manual_seed(seed)',
  initial_seed: 'def initial_seed()',
  is_tensor: 'def is_tensor(obj)',
  no_grad: 'def no_grad(func)',
  enable_grad: 'def enable_grad(func)',
  set_grad_enabled: 'def set_grad_enabled(mode)',
  is_grad_enabled: 'noargs torch.is_grad_enabled',
  format: 'def format(args)',

  add: ['add(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None)', 'add(Tensor input, Scalar alpha, Tensor other, *, Tensor out=None)|deprecated'],
  sub: ['sub(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None)', 'sub(Tensor input, Scalar alpha, Tensor other, *, Tensor out=None)|deprecated'],
  rsub: ['rsub(Tensor input, Tensor other, *, Scalar alpha=1)', 'rsub(Tensor input, Scalar other, Scalar alpha=1)'],
  mul: ['mul(Tensor input, Tensor other, *, Tensor out=None)'],
  div: [
    'div(Tensor input, Tensor other, *, Tensor out=None)',
    'div(Tensor input, Tensor other, *, c10::string_view? rounding_mode, Tensor out=None)',
    'div(Tensor input, Scalar other, *, c10::string_view? rounding_mode)',
  ],
  pow: ['pow(Tensor input, Tensor exponent, *, Tensor out=None)', 'pow(Scalar self, Tensor exponent, *, Tensor out=None)', 'pow(Tensor input, Scalar exponent, *, Tensor out=None)'],
  maximum: ['maximum(Tensor input, Tensor other, *, Tensor out=None)'],
  minimum: ['minimum(Tensor input, Tensor other, *, Tensor out=None)'],
  ...each(COMPARE, compareFn),
  logical_and: ['logical_and(Tensor input, Tensor other, *, Tensor out=None)'],
  logical_or: ['logical_or(Tensor input, Tensor other, *, Tensor out=None)'],
  logical_not: unaryFn('logical_not'),
  isnan: ['isnan(Tensor input)'],
  equal: ['equal(Tensor input, Tensor other)'],
  allclose: ['allclose(Tensor input, Tensor other, double rtol=1e-05, double atol=1e-08, bool equal_nan=False)'],
  where: [
    'where(Tensor condition)',
    'where(Tensor condition, Tensor input, Tensor other, *, Tensor out=None)',
    'where(Tensor condition, Scalar self, Tensor other)',
    'where(Tensor condition, Tensor input, Scalar other)',
    'where(Tensor condition, Scalar self, Scalar other)',
  ],
  clamp: ['clamp(Tensor input, Tensor? min=None, Tensor? max=None, *, Tensor out=None)', 'clamp(Tensor input, Scalar? min=None, Scalar? max=None, *, Tensor out=None)'],
  clamp_: ['clamp_(Tensor input, Tensor? min=None, Tensor? max=None)', 'clamp_(Tensor input, Scalar? min=None, Scalar? max=None)'],
  ...each(UNARY, unaryFn),
  relu: ['relu(Tensor input)'],
  relu_: ['relu_(Tensor input)'],
  add_: ['add_(Tensor input, Tensor other, *, Scalar alpha=1)'],
  sub_: ['sub_(Tensor input, Tensor other, *, Scalar alpha=1)'],
  mul_: ['mul_(Tensor input, Tensor other)'],
  div_: ['div_(Tensor input, Tensor other)', 'div_(Tensor input, Tensor other, *, c10::string_view? rounding_mode)'],
  pow_: ['pow_(Tensor input, Tensor exponent)', 'pow_(Tensor input, Scalar exponent)'],
  fill_: ['fill_(Tensor input, Tensor value)', 'fill_(Tensor input, Scalar value)'],
  zero_: ['zero_(Tensor input)'],
  copy_: ['copy_(Tensor input, Tensor other, bool non_blocking=False)'],

  sum: reduceDtype('sum', 'Tensor input, ', ', Tensor out=None'),
  mean: reduceDtype('mean', 'Tensor input, ', ', Tensor out=None', ', Tensor out=None'),
  prod: [
    'prod(Tensor input, *, ScalarType? dtype=None)',
    'prod(Tensor input, int64_t dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)',
  ],
  var: varStd('var', 'Tensor input, ', ', Tensor out=None'),
  std: varStd('std', 'Tensor input, ', ', Tensor out=None'),
  max: extremeFn('max'),
  min: extremeFn('min'),
  amax: ['amax(Tensor input, IntArrayRef[1] dim=None, bool keepdim=False, *, Tensor out=None)'],
  amin: ['amin(Tensor input, IntArrayRef[1] dim=None, bool keepdim=False, *, Tensor out=None)'],
  argmax: ['argmax(Tensor input, int64_t? dim=None, bool keepdim=False, *, Tensor out=None)'],
  argmin: ['argmin(Tensor input, int64_t? dim=None, bool keepdim=False, *, Tensor out=None)'],
  all: truthFn('all'),
  any: truthFn('any'),
  logsumexp: ['logsumexp(Tensor input, IntArrayRef[1] dim, bool keepdim=False, *, Tensor out=None)'],
  norm: 'def norm(input, p="fro", dim=None, keepdim=False, out=None, dtype=None)',
  cumsum: ['cumsum(Tensor input, int64_t dim, *, ScalarType? dtype=None, Tensor out=None)'],
  sum_to_size: ['sum_to_size(Tensor input, SymIntArrayRef size)'],
  softmax: softmaxFn('softmax'),
  log_softmax: softmaxFn('log_softmax'),

  reshape: ['reshape(Tensor input, SymIntArrayRef shape)'],
  view: ['view(Tensor input, ScalarType dtype)', 'view(Tensor input, SymIntArrayRef size)'],
  expand: ['expand(Tensor input, SymIntArrayRef size, *, bool implicit=False)'],
  expand_as: ['expand_as(Tensor input, Tensor other)'],
  transpose: ['transpose(Tensor input, int64_t dim0, int64_t dim1)'],
  t: ['t(Tensor input)'],
  permute: ['permute(Tensor input, IntArrayRef dims)'],
  squeeze: ['squeeze(Tensor input)', 'squeeze(Tensor input, int64_t dim)', 'squeeze(Tensor input, IntArrayRef dim)'],
  unsqueeze: ['unsqueeze(Tensor input, int64_t dim)'],
  flatten: [
    'flatten(Tensor input, int64_t start_dim=0, int64_t end_dim=-1)',
  ],
  unflatten: ['unflatten(Tensor input, int64_t dim, SymIntArrayRef sizes)'],
  clone: ['clone(Tensor input, *, MemoryFormat? memory_format=None)'],
  contiguous: ['contiguous(Tensor input, *, MemoryFormat memory_format=contiguous_format)'],
  to: [
    'to(Tensor input, Device device=None, ScalarType dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
    'to(Tensor input, ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
    'to(Tensor input, Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
  ],
  cpu: ['cpu(Tensor input, *, MemoryFormat? memory_format=None)'],
  cpu_async: 'def cpu_async(input)',
  swapaxes: ['swapaxes(Tensor input, int64_t axis0, int64_t axis1)'],
  swapdims: ['swapdims(Tensor input, int64_t dim0, int64_t dim1)'],
  view_as: ['view_as(Tensor input, Tensor other)'],
  reshape_as: ['reshape_as(Tensor input, Tensor other)'],
  movedim: ['movedim(Tensor input, int64_t source, int64_t destination)', 'movedim(Tensor input, IntArrayRef source, IntArrayRef destination)'],
  moveaxis: ['moveaxis(Tensor input, int64_t source, int64_t destination)', 'moveaxis(Tensor input, IntArrayRef source, IntArrayRef destination)'],

  narrow: ['narrow(Tensor input, int64_t dim, Tensor start, SymInt length)', 'narrow(Tensor input, int64_t dim, SymInt start, SymInt length)'],
  select: ['select(Tensor input, int64_t dim, SymInt index)'],
  split: 'def split(tensor, split_size_or_sections, dim=0)',
  split_with_sizes: ['split_with_sizes(Tensor input, SymIntArrayRef split_sizes, int64_t dim=0)'],
  chunk: ['chunk(Tensor input, int64_t chunks, int64_t dim=0)'],
  unbind: ['unbind(Tensor input, int64_t dim=0)'],
  cat: ['cat(TensorList tensors, int64_t dim=0, *, Tensor out=None)'],
  stack: ['stack(TensorList tensors, int64_t dim=0, *, Tensor out=None)'],
  index_select: ['index_select(Tensor input, int64_t dim, Tensor index, *, Tensor out=None)'],
  gather: ['gather(Tensor input, int64_t dim, Tensor index, *, bool sparse_grad=False, Tensor out=None)'],
  index: 'def index(input, *indices)',
  slice: 'def slice(start=None, stop=None, step=None)',
  masked_fill: ['masked_fill(Tensor input, Tensor mask, Tensor value)', 'masked_fill(Tensor input, Tensor mask, Scalar value)'],
  repeat: ['repeat(Tensor input, SymIntArrayRef repeats)'],
  flip: ['flip(Tensor input, IntArrayRef dims)'],
  roll: ['roll(Tensor input, SymIntArrayRef[1] shifts, IntArrayRef[1] dims=None)'],
  tril: ['tril(Tensor input, SymInt diagonal=0, *, Tensor out=None)'],
  triu: ['triu(Tensor input, SymInt diagonal=0, *, Tensor out=None)'],

  matmul: ['matmul(Tensor input, Tensor other, *, Tensor out=None)'],
  mm: ['mm(Tensor input, Tensor mat2, *, Tensor out=None)', 'mm(Tensor input, Tensor mat2, ScalarType out_dtype, *, Tensor out=None)'],
  bmm: ['bmm(Tensor input, Tensor mat2, *, Tensor out=None)', 'bmm(Tensor input, Tensor mat2, ScalarType out_dtype, *, Tensor out=None)'],
  dot: ['dot(Tensor input, Tensor tensor, *, Tensor out=None)'],
  mv: ['mv(Tensor input, Tensor vec, *, Tensor out=None)'],
  addmm: [
    'addmm(Tensor input, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1, Tensor out=None)',
    'addmm(Tensor input, Tensor mat1, Tensor mat2, ScalarType out_dtype, *, Scalar beta=1, Scalar alpha=1, Tensor out=None)',
    'addmm(Scalar beta, Tensor input, Scalar alpha, Tensor mat1, Tensor mat2, *, Tensor out=None)|deprecated',
    'addmm(Scalar beta, Tensor input, Tensor mat1, Tensor mat2, *, Tensor out=None)|deprecated',
  ],
  outer: ['outer(Tensor input, Tensor vec2, *, Tensor out=None)'],
  ger: ['ger(Tensor input, Tensor vec2, *, Tensor out=None)'],
} satisfies Record<string, Spec>;

// ---- Tensor methods ------------------------------------------------------------------------------

const TENSOR = {
  size: ['size(int64_t? dim=None)'],
  stride: ['stride(int64_t? dim=None)'],
  dim: NOARGS,
  numel: NOARGS,
  is_contiguous: ['is_contiguous(*, MemoryFormat memory_format=contiguous_format)'],
  requires_grad_: ['requires_grad_(bool requires_grad=True)'],
  retain_grad: NOARGS,
  register_hook: 'def Tensor.register_hook(self, hook)',
  backward: 'def Tensor.backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None)',
  detach: NOARGS,
  detach_: NOARGS,
  item: NOARGS,
  tolist: NOARGS,
  item_async: 'def Tensor.item_async(self)',
  tolist_async: 'def Tensor.tolist_async(self)',
  cpu_async: 'def Tensor.cpu_async(self)',

  add: ['add(Tensor other, *, Scalar alpha=1)', 'add(Scalar alpha, Tensor other)|deprecated'],
  sub: ['sub(Tensor other, *, Scalar alpha=1)', 'sub(Scalar alpha, Tensor other)|deprecated'],
  rsub: ['rsub(Tensor other, *, Scalar alpha=1)', 'rsub(Scalar other, Scalar alpha=1)'],
  mul: ['mul(Tensor other)'],
  div: ['div(Tensor other)', 'div(Tensor other, *, c10::string_view? rounding_mode)', 'div(Scalar other, *, c10::string_view? rounding_mode)'],
  pow: ['pow(Tensor exponent)', 'pow(Scalar exponent)'],
  maximum: ['maximum(Tensor other)'],
  minimum: ['minimum(Tensor other)'],
  ...each(COMPARE, compareMethod),
  logical_and: ['logical_and(Tensor other)'],
  logical_or: ['logical_or(Tensor other)'],
  logical_not: NOARGS,
  isnan: NOARGS,
  equal: ['equal(Tensor other)'],
  allclose: ['allclose(Tensor other, double rtol=1e-05, double atol=1e-08, bool equal_nan=False)'],
  where: ['where(Tensor condition, Tensor other)', 'where(Tensor condition, Scalar other)'],
  clamp: ['clamp(Tensor? min=None, Tensor? max=None)', 'clamp(Scalar? min=None, Scalar? max=None)'],
  ...each(UNARY, () => NOARGS),
  relu: NOARGS,
  relu_: NOARGS,
  add_: ['add_(Tensor other, *, Scalar alpha=1)', 'add_(Scalar alpha, Tensor other)|deprecated'],
  sub_: ['sub_(Tensor other, *, Scalar alpha=1)', 'sub_(Scalar alpha, Tensor other)|deprecated'],
  mul_: ['mul_(Tensor other)'],
  div_: ['div_(Tensor other)', 'div_(Tensor other, *, c10::string_view? rounding_mode)', 'div_(Scalar other, *, c10::string_view? rounding_mode)'],
  clamp_: ['clamp_(Tensor? min=None, Tensor? max=None)', 'clamp_(Scalar? min=None, Scalar? max=None)'],
  pow_: ['pow_(Tensor exponent)', 'pow_(Scalar exponent)'],
  fill_: ['fill_(Tensor value)', 'fill_(Scalar value)'],
  zero_: NOARGS,
  copy_: ['copy_(Tensor other, bool non_blocking=False)'],

  view: ['view(ScalarType dtype)', 'view(SymIntArrayRef size)'],
  reshape: ['reshape(SymIntArrayRef shape)'],
  expand: ['expand(SymIntArrayRef size, *, bool implicit=False)'],
  expand_as: ['expand_as(Tensor other)'],
  transpose: ['transpose(int64_t dim0, int64_t dim1)'],
  t: NOARGS,
  permute: ['permute(IntArrayRef dims)'],
  unsqueeze: ['unsqueeze(int64_t dim)'],
  squeeze: ['squeeze()', 'squeeze(int64_t dim)', 'squeeze(IntArrayRef dim)'],
  flatten: [
    'flatten(int64_t start_dim=0, int64_t end_dim=-1)',
  ],
  unflatten: 'def Tensor.unflatten(self, dim, sizes)',
  clone: ['clone(*, MemoryFormat? memory_format=None)'],
  contiguous: ['contiguous(*, MemoryFormat memory_format=contiguous_format)'],
  to: [
    'to(Device device=None, ScalarType dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
    'to(ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
    'to(Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
  ],
  float: to('float'),
  double: to('double'),
  long: to('long'),
  bool: to('bool'),
  cpu: to('cpu'),
  swapaxes: ['swapaxes(int64_t axis0, int64_t axis1)'],
  swapdims: ['swapdims(int64_t dim0, int64_t dim1)'],
  view_as: ['view_as(Tensor other)'],
  reshape_as: ['reshape_as(Tensor other)'],
  movedim: ['movedim(int64_t source, int64_t destination)', 'movedim(IntArrayRef source, IntArrayRef destination)'],
  moveaxis: ['moveaxis(int64_t source, int64_t destination)', 'moveaxis(IntArrayRef source, IntArrayRef destination)'],

  sum: reduceDtype('sum', '', ''),
  mean: reduceDtype('mean', '', ''),
  sum_to_size: ['sum_to_size(SymIntArrayRef size)'],
  max: extremeMethod('max'),
  min: extremeMethod('min'),
  amax: ['amax(IntArrayRef[1] dim=None, bool keepdim=False)'],
  amin: ['amin(IntArrayRef[1] dim=None, bool keepdim=False)'],
  argmax: ['argmax(int64_t? dim=None, bool keepdim=False)'],
  argmin: ['argmin(int64_t? dim=None, bool keepdim=False)'],
  prod: ['prod(*, ScalarType? dtype=None)', 'prod(int64_t dim, bool keepdim=False, *, ScalarType? dtype=None)'],
  var: varStd('var', '', ''),
  std: varStd('std', '', ''),
  logsumexp: ['logsumexp(IntArrayRef[1] dim, bool keepdim=False)'],
  norm: 'def Tensor.norm(self, p="fro", dim=None, keepdim=False, dtype=None)',
  all: truthMethod('all'),
  any: truthMethod('any'),
  cumsum: ['cumsum(int64_t dim, *, ScalarType? dtype=None)'],
  softmax: softmaxMethod('softmax'),
  log_softmax: softmaxMethod('log_softmax'),

  narrow: ['narrow(int64_t dim, Tensor start, SymInt length)', 'narrow(int64_t dim, SymInt start, SymInt length)'],
  select: ['select(int64_t dim, SymInt index)'],
  split: 'def Tensor.split(self, split_size, dim=0)',
  split_with_sizes: ['split_with_sizes(SymIntArrayRef split_sizes, int64_t dim=0)'],
  chunk: ['chunk(int64_t chunks, int64_t dim=0)'],
  unbind: ['unbind(int64_t dim=0)'],
  index_select: ['index_select(int64_t dim, Tensor index)'],
  gather: ['gather(int64_t dim, Tensor index, *, bool sparse_grad=False)'],
  index: 'def Tensor.index(self, *indices)',
  masked_fill: ['masked_fill(Tensor mask, Tensor value)', 'masked_fill(Tensor mask, Scalar value)'],
  repeat: ['repeat(SymIntArrayRef repeats)'],
  flip: ['flip(IntArrayRef dims)'],
  roll: ['roll(SymIntArrayRef[1] shifts, IntArrayRef[1] dims=None)'],
  tril: ['tril(SymInt diagonal=0)'],
  triu: ['triu(SymInt diagonal=0)'],

  matmul: ['matmul(Tensor other)'],
  mm: ['mm(Tensor mat2)'],
  bmm: ['bmm(Tensor mat2)'],
  dot: ['dot(Tensor tensor)'],
  mv: ['mv(Tensor vec)'],
  addmm: ['addmm(Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1)', 'addmm(Scalar beta, Scalar alpha, Tensor mat1, Tensor mat2)|deprecated', 'addmm(Scalar beta, Tensor mat1, Tensor mat2)|deprecated'],
  outer: ['outer(Tensor vec2)'],
  ger: ['ger(Tensor vec2)'],
} satisfies Record<string, Spec>;

// ---- nn, F, optim, autograd, viz -------------------------------------------------------------------

const F = {
  relu: 'def relu(input, inplace=False)',
  sigmoid: 'def sigmoid(input)',
  tanh: 'def tanh(input)',
  softmax: 'def softmax(input, dim=None, _stacklevel=3, dtype=None)',
  log_softmax: 'def log_softmax(input, dim=None, _stacklevel=3, dtype=None)',
  linear: ['linear(Tensor input, Tensor weight, Tensor? bias=None)'],
  mse_loss: 'def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None)',
  nll_loss: 'def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean")',
  cross_entropy: 'def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean", label_smoothing=0.0)',
  binary_cross_entropy: 'def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean")',
  binary_cross_entropy_with_logits: 'def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None)',
  l1_loss: 'def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None)',
  smooth_l1_loss: 'def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0)',
  huber_loss: 'def huber_loss(input, target, reduction="mean", delta=1.0, weight=None)',
  kl_div: 'def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False)',
} satisfies Record<string, Spec>;

const NN = {
  Module: 'def Module.__init__(self)',
  Parameter: 'def Parameter.__new__(cls, data=None, requires_grad=True)',
  Linear: 'def Linear.__init__(self, in_features, out_features, bias=True, device=None, dtype=None)',
  ReLU: 'def ReLU.__init__(self, inplace=False)',
  Sigmoid: 'def Sigmoid.__init__(self)',
  Tanh: 'def Tanh.__init__(self)',
  Sequential: 'def Sequential.__init__(self, *args)',
  MSELoss: 'def _Loss.__init__(self, size_average=None, reduce=None, reduction="mean")',
  CrossEntropyLoss: 'def CrossEntropyLoss.__init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean", label_smoothing=0.0)',
  NLLLoss: 'def NLLLoss.__init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean")',
  BCELoss: 'def _WeightedLoss.__init__(self, weight=None, size_average=None, reduce=None, reduction="mean")',
  BCEWithLogitsLoss: 'def BCEWithLogitsLoss.__init__(self, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None)',
  L1Loss: 'def _Loss.__init__(self, size_average=None, reduce=None, reduction="mean")',
  SmoothL1Loss: 'def SmoothL1Loss.__init__(self, size_average=None, reduce=None, reduction="mean", beta=1.0)',
  HuberLoss: 'def HuberLoss.__init__(self, reduction="mean", delta=1.0)',
  KLDivLoss: 'def KLDivLoss.__init__(self, size_average=None, reduce=None, reduction="mean", log_target=False)',
  Identity: 'def Identity.__init__(self, *args, **kwargs)',
  Flatten: 'def Flatten.__init__(self, start_dim=1, end_dim=-1)',
  Unflatten: 'def Unflatten.__init__(self, dim, unflattened_size)',
  ModuleList: 'def ModuleList.__init__(self, modules=None)',
  ModuleDict: 'def ModuleDict.__init__(self, modules: dict=None)',
  ParameterList: 'def ParameterList.__init__(self, values=None)',
} satisfies Record<string, Spec>;

const MODULE = {
  parameters: 'def Module.parameters(self, recurse=True)',
  named_parameters: 'def Module.named_parameters(self, prefix="", recurse=True, remove_duplicate=True)',
  children: 'def Module.children(self)',
  named_children: 'def Module.named_children(self)',
  modules: 'def Module.modules(self, remove_duplicate=True)',
  named_modules: 'def Module.named_modules(self, memo=None, prefix="", remove_duplicate=True)',
  zero_grad: 'def Module.zero_grad(self, set_to_none=True)',
  // Python's def to(self, *args, **kwargs) parses its arguments by torch._C._nn._parse_to: these.
  to: [
    'to(Device device=None, ScalarType dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
    'to(ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
    'to(Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)',
  ],
  train: 'def Module.train(self, mode=True)',
  eval: 'def Module.eval(self)',
  register_parameter: 'def Module.register_parameter(self, name, param)',
  add_module: 'def Module.add_module(self, name, module)',
  buffers: 'def Module.buffers(self, recurse=True)',
  named_buffers: 'def Module.named_buffers(self, prefix="", recurse=True, remove_duplicate=True)',
  register_buffer: 'def Module.register_buffer(self, name, tensor, persistent=True)',
  requires_grad_: 'def Module.requires_grad_(self, requires_grad=True)',
  state_dict: 'def Module.state_dict(self, *args, destination=None, prefix="", keep_vars=False)',
  load_state_dict: 'def Module.load_state_dict(self, state_dict: dict, strict=True, assign=False)',
} satisfies Record<string, Spec>;

const OPTIM = {
  SGD: 'def SGD.__init__(self, params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None)',
  Adam: 'def Adam.__init__(self, params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False, *, foreach=None, maximize=False, capturable=False, differentiable=False, fused=None, decoupled_weight_decay=False)',
  AdamW: 'def AdamW.__init__(self, params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=False, *, maximize=False, foreach=None, capturable=False, differentiable=False, fused=None)',
  RMSprop: 'def RMSprop.__init__(self, params, lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False, capturable=False, foreach=None, maximize=False, differentiable=False)',
  Adagrad: 'def Adagrad.__init__(self, params, lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10, foreach=None, *, maximize=False, differentiable=False, fused=None)',
} satisfies Record<string, Spec>;

const LR_SCHEDULER = {
  LambdaLR: 'def LambdaLR.__init__(self, optimizer, lr_lambda, last_epoch=-1)',
  StepLR: 'def StepLR.__init__(self, optimizer, step_size, gamma=0.1, last_epoch=-1)',
  MultiStepLR: 'def MultiStepLR.__init__(self, optimizer, milestones, gamma=0.1, last_epoch=-1)',
  ExponentialLR: 'def ExponentialLR.__init__(self, optimizer, gamma, last_epoch=-1)',
  CosineAnnealingLR: 'def CosineAnnealingLR.__init__(self, optimizer, T_max, eta_min=0.0, last_epoch=-1)',
  ReduceLROnPlateau: 'def ReduceLROnPlateau.__init__(self, optimizer, mode="min", factor=0.1, patience=10, threshold=0.0001, threshold_mode="rel", cooldown=0, min_lr=0, eps=1e-08)',
} satisfies Record<string, Spec>;

const OPTIMIZER = {
  zero_grad: 'def Optimizer.zero_grad(self, set_to_none=True)',
  add_param_group: 'def Optimizer.add_param_group(self, param_group: dict)',
  state_dict: 'def Optimizer.state_dict(self)',
  load_state_dict: 'def Optimizer.load_state_dict(self, state_dict: dict)',
} satisfies Record<string, Spec>;

/** Each optimizer defines its own `step` (so CPython names the subclass in its errors). */
const STEPS = {
  'SGD.step': 'def SGD.step(self, closure=None)',
  'Adam.step': 'def Adam.step(self, closure=None)',
  'RMSprop.step': 'def RMSprop.step(self, closure=None)',
  'Adagrad.step': 'def Adagrad.step(self, closure=None)',
  'LRScheduler.step': 'def LRScheduler.step(self, epoch=None)',
  'ReduceLROnPlateau.step': 'def ReduceLROnPlateau.step(self, metrics, epoch=None)',
} satisfies Record<string, Spec>;

const DATA = {
  DataLoader: 'def DataLoader.__init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None, multiprocessing_context=None, generator=None, *, prefetch_factor=None, persistent_workers=False, pin_memory_device="", in_order=True)',
  TensorDataset: 'def TensorDataset.__init__(self, *tensors)',
  Subset: 'def Subset.__init__(self, dataset, indices)',
  random_split: 'def random_split(dataset, lengths, generator=None)',
  Generator: 'def Generator.__init__(self, device="cpu")',
} satisfies Record<string, Spec>;

const AUTOGRAD = {
  backward: 'def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, grad_variables=None, inputs=None)',
  grad: 'def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False)',
  gradcheck: 'def gradcheck(func, inputs, *, eps=1e-06, atol=1e-05, rtol=0.001, raise_exception=True, nondet_tol=0.0, check_undefined_grad=True, check_grad_dtypes=False, check_batched_grad=False, check_batched_forward_grad=False, check_forward_ad=False, check_backward_ad=True, fast_mode=False, masked=None)',
  detect_anomaly: 'def detect_anomaly(func, check_nan=True)',
  set_detect_anomaly: 'def set_detect_anomaly(mode, check_nan=True)',
  is_anomaly_enabled: 'noargs torch.is_anomaly_enabled',
} satisfies Record<string, Spec>;

const VIZ = {
  make_dot: 'def make_dot(var, params: dict=None, show_attrs=False, show_saved=False, max_attr_chars=50)',
} satisfies Record<string, Spec>;

export const SIGNATURES = {
  ...prefixed('torch', TORCH),
  ...prefixed('Tensor', TENSOR),
  ...prefixed('F', F),
  ...prefixed('nn', NN),
  ...prefixed('Module', MODULE),
  ...prefixed('optim', OPTIM),
  ...prefixed('Optimizer', OPTIMIZER),
  ...prefixed('lr_scheduler', LR_SCHEDULER),
  ...prefixed('data', DATA),
  ...STEPS,
  ...prefixed('autograd', AUTOGRAD),
  ...prefixed('viz', VIZ),
} as const;

export type SignatureKey = keyof typeof SIGNATURES;

export { NOARGS };
