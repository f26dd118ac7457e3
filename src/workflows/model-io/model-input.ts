/** Where a workflow's model comes from: a file in any supported format, or a model already loaded. */
import { loadModel, type LoadedModel, type LoadModelOptions } from '../../models/index.js';
import { withDisplayPath, type DataFile } from '../io/index.js';

export interface LoadedModelInput {
  readonly loaded: LoadedModel;
  readonly display: string;
}

export type ModelInput = DataFile | LoadedModelInput;

/** Loads a model file (errors naming it as the caller did), or hands a loaded model over as is. */
export async function loadModelInput(input: ModelInput, options: LoadModelOptions = {}): Promise<LoadedModel> {
  if ('loaded' in input) return input.loaded;
  try {
    return await loadModel(input.absolute, options);
  } catch (e) {
    throw withDisplayPath(e, input);
  }
}
