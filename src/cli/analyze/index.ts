/** `analyze`'s flags and config file, normalised once into the settings of one run. */
export { resolveSettings, DEFAULT_OUT_DIR, DEFAULT_FORMATS, type AnalyzeFlags, type RunSettings } from './settings.js';
