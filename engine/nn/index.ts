/**
 * `torch.nn`, with `torch.nn.functional` as `nn.functional` (a snippet's `F`). Imported as a
 * namespace (`import * as nn`), so `nn.Linear` names the class and its type alike.
 */
import { Module } from './module';
import { Parameter } from './parameter';
import { CrossEntropyLoss, Linear, MSELoss, ReLU, Sequential, Sigmoid, Tanh } from './modules';
import * as functional from './functional';

export { Module, Parameter, Linear, ReLU, Sigmoid, Tanh, Sequential, MSELoss, CrossEntropyLoss, functional };
