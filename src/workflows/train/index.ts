/** Training a model on data and saving it. */
export { trainAndSave, type TrainAndSaveOptions, type TrainAndSaveResult } from './train-and-save.js';
