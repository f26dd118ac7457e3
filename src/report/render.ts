/**
 * Kept so existing imports of './report/render.js' keep working; the renderers now live one per file.
 * New code should import from './report/index.js'.
 */
export * from './index.js';
