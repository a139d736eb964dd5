/** `torch.optim`, imported as a namespace (`import * as optim`): values and types alike. */
import { Optimizer } from './optimizer';
import { SGD } from './sgd';
import { Adam } from './adam';

export { Optimizer, SGD, Adam };
