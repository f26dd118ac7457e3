/**
 * drift_summary.png: the summary SVG (png/summary-svg.ts) rasterised by resvg. Text needs a font on the
 * machine: DejaVu Sans (Debian's fonts-dejavu-core, which scripts/ensure-test-deps.sh installs) is loaded
 * by path when present, and system fonts are searched otherwise; with no font at all the text is missing.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { DriftReport } from '../drift/index.js';
import { PALETTE } from './charts/index.js';
import { summarySvg } from './png/summary-svg.js';

const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const DEJAVU_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => `${DEJAVU_DIR}/${f}`);

function fontOptions(): { loadSystemFonts: boolean; fontFiles: string[]; defaultFontFamily: string; sansSerifFamily: string } {
  const fontFiles = DEJAVU_FILES.filter((f) => existsSync(f));
  return {
    // Loading the two known files is enough and much faster than scanning every system font.
    loadSystemFonts: fontFiles.length === 0,
    fontFiles,
    defaultFontFamily: 'DejaVu Sans',
    sansSerifFamily: 'DejaVu Sans',
  };
}

/** drift_summary.png bytes (1200x800). */
export async function renderPng(report: DriftReport): Promise<Uint8Array> {
  const resvg = new Resvg(summarySvg(report), { font: fontOptions(), background: PALETTE.page, shapeRendering: 2, textRendering: 1 });
  return new Uint8Array(resvg.render().asPng());
}
