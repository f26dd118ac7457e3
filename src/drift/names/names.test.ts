import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../methods/registry.js';
import { PRESETS } from '../presets/index.js';
import { METHOD_CHOICES, PRESET_NAMES } from './index.js';

describe('the names drift accepts', () => {
  it('are exactly the methods the registry implements and the presets it defines', () => {
    expect([...METHOD_CHOICES].sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(PRESETS)).toEqual([...PRESET_NAMES]);
  });
});
