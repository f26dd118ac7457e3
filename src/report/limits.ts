/**
 * How much of a wide report the HTML page lists. A file 100,000 columns wide made a page of 180 MB, with
 * a table row, an inline sparkline and a quality row per column, that took 12 s and 1.7 GB to render and
 * that no browser opens comfortably; the JSON report keeps everything. A light module: the terminal summary
 * reads these too, to say where what it leaves out can be found.
 */

/**
 * Features with a distribution panel, and rows in the per-method tables: the same features, so that every
 * row's link opens a panel (drifted first, then by drift score).
 */
export const HTML_MAX_FEATURES = 1000;

/**
 * Distribution charts past HTML_MAX_FEATURES features, for the first panels (a narrower report draws 100).
 * Each chart is drawn twice by ECharts on the server (wide and phone-sized) at 10-20 ms a drawing: 100 of
 * them took 2-3 s, four times the rest of a 100,000-column page.
 */
export const HTML_MAX_CHARTS_WIDE = 10;

/** Rows of the data-quality table per column (columns with an issue or a change in missing values first). */
export const HTML_MAX_QUALITY_ROWS = 1000;

/** Data-quality issues listed, in the report's order. */
export const HTML_MAX_ISSUES = 1000;
