/** Keeping the exact text of CSV cells, for commands that copy columns through to their output. */
export { CellTextCapture, CellTextColumn, type CellText } from './cell-text-capture.js';
export { passThrough, passThroughCsvString, readTableWithCellText, writePassThroughCsv, type OutputColumn, type TableWithCellText } from './pass-through.js';
