import { describe, it, expect } from 'vitest';
import { torch, type Tensor } from '../index';

const { DataLoader, TensorDataset, random_split } = torch.utils.data;
// torch.manual_seed(0); random_split(range(10), [3, 7]); random_split(range(10), [0.3, 0.3, 0.4])
const DEFAULT_SPLIT_1 = [[4, 1, 7], [5, 3, 9, 0, 8, 6, 2]];
const DEFAULT_SPLIT_2 = [[3, 9, 4], [2, 7, 8], [6, 0, 5, 1]];
const labels = (batches: Iterable<unknown>) => [...batches].map((b) => (b as Tensor[])[1].tolist());

/** Expected values: PyTorch 2.14 running the same program (quoted in each comment). */
describe('torch.utils.data as PyTorch 2.x', () => {
  it('a seeded shuffling DataLoader gives PyTorch\'s batches and leaves the default generator where PyTorch does', () => {
    torch.manual_seed(0);
    const ds = TensorDataset(torch.arange(10).reshape(10, 1).float(), torch.arange(10));
    const dl = DataLoader(ds, { batch_size: 4, shuffle: true });
    expect(labels(dl)).toEqual([[6, 7, 1, 4], [2, 0, 9, 8], [3, 5]]);
    expect(labels(dl)).toEqual([[2, 4, 7, 0], [8, 9, 5, 3], [6, 1]]);
    expect(String(torch.rand(2))).toBe('tensor([0.4556, 0.6323])');
    // generator=torch.Generator().manual_seed(5), drop_last=True
    const g = torch.Generator().manual_seed(5);
    const dl2 = DataLoader(ds, { batch_size: 3, shuffle: true, generator: g, drop_last: true });
    expect(labels(dl2)).toEqual([[7, 4, 8], [1, 2, 3], [6, 5, 9]]);
    expect(dl2.__len__()).toBe(3);
    expect(String(torch.rand(2))).toBe('tensor([0.3489, 0.4017])');
    // no shuffle: in order, the last batch short; the base seed is still drawn
    const dl3 = DataLoader(ds, { batch_size: 3 });
    expect(labels(dl3)).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(dl3.length).toBe(4);
    expect(String(torch.rand(2))).toBe('tensor([0.2939, 0.5185])');
  });

  it('random_split by fractions and by lengths, with a generator and with the default one', () => {
    torch.manual_seed(0);
    const ds = TensorDataset(torch.arange(10));
    const [a, b] = random_split(ds, [0.7, 0.3], torch.Generator().manual_seed(42));
    expect([a.indices, b.indices, a.__len__()]).toEqual([[2, 6, 1, 8, 4, 5, 0], [9, 3, 7], 7]);
    torch.manual_seed(0);
    const list = Array.from({ length: 10 }, (_, i) => i);
    expect(random_split(list, [3, 7]).map((s) => s.indices)).toEqual(DEFAULT_SPLIT_1);
    expect(random_split(list, [0.3, 0.3, 0.4]).map((s) => s.indices)).toEqual(DEFAULT_SPLIT_2);
    expect(() => random_split(ds, [3, 3])).toThrow('Sum of input lengths does not equal the length of the input dataset!');
  });

  it('collates as default_collate: tensors stacked, numbers to tensors, sequences by position (a list), objects by key', () => {
    const ds = TensorDataset(torch.arange(10).reshape(10, 1).float(), torch.arange(10));
    expect(torch.format([[...DataLoader(ds, { batch_size: 2 })][0]])).toBe('[tensor([[0.],\n        [1.]]), tensor([0, 1])]');
    expect(torch.format([[...DataLoader([[1, 2.5], [3, 4.5]], { batch_size: 2 })][0]])).toBe('[tensor([1, 3]), tensor([2.5000, 4.5000], dtype=torch.float64)]');
    const dicts = [...DataLoader([{ a: torch.ones(2), b: 1 }], { batch_size: 2 })][0] as Record<string, Tensor>;
    expect([String(dicts.a), String(dicts.b)]).toEqual(['tensor([[1., 1.]])', 'tensor([1])']);
    expect(() => TensorDataset(torch.ones(2), torch.ones(3))).toThrow('Size mismatch between tensors');
    expect(() => DataLoader(ds, { num_workers: 2 })).toThrow('num_workers');
  });

  it('a Dataset subclass with __getitem__ and __len__ loads like PyTorch\'s', () => {
    class Squares extends torch.utils.data.Dataset<[Tensor, Tensor]> {
      override __len__() {
        return 5;
      }
      __getitem__(i: number): [Tensor, Tensor] {
        return [torch.tensor([i]), torch.tensor([i * i])];
      }
    }
    const batches = [...DataLoader(new Squares(), { batch_size: 2 })] as Tensor[][];
    expect(batches.map((b) => b[1].flatten().tolist())).toEqual([[0, 1], [4, 9], [16]]);
  });
});
