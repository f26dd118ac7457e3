import type { PresetName } from '../types.js';
import { classicPreset } from './classic.js';
import { defaultPreset } from './default.js';
import { evidentlyPreset } from './evidently.js';
import type { Preset } from './types.js';

export * from './types.js';
export { defaultPreset, evidentlyPreset, classicPreset };

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  default: defaultPreset,
  evidently: evidentlyPreset,
  classic: classicPreset,
};
