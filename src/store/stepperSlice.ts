import type { SliceCreator } from './types';

export type StepperMode = 'backward' | 'build';

/** The stepper under the graph: which trace, how far, playing or not. Frames are derived (src/stepper). */
export interface StepperSlice {
  stepperMode: StepperMode;
  /** Index into `traces`; the newest after every run. */
  traceIndex: number;
  /** Steps done (frame k). */
  stepK: number;
  playing: boolean;
  /** Steps per second. */
  speed: number;
  setStepperMode(mode: StepperMode): void;
  selectTrace(index: number): void;
  setStep(k: number): void;
  setPlaying(on: boolean): void;
  setSpeed(speed: number): void;
  resetStepper(traceIndex: number, mode: StepperMode): void;
}

export const createStepperSlice: SliceCreator<StepperSlice> = (set) => ({
  stepperMode: 'backward',
  traceIndex: 0,
  stepK: 0,
  playing: false,
  speed: 1.5,
  // The build replay starts from an empty graph, so it starts playing.
  setStepperMode: (stepperMode) => set({ stepperMode, stepK: 0, playing: stepperMode === 'build' }),
  selectTrace: (traceIndex) => set({ traceIndex, stepK: 0, playing: false }),
  setStep: (stepK) => set({ stepK }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  resetStepper: (traceIndex, stepperMode) => set({ traceIndex, stepperMode, stepK: 0, playing: false }),
});
