/** Bin edges at reference quantiles (nBins bins; duplicate edges merged); outer edges are -Infinity/+Infinity. */
export function quantileEdges(_sortedReference: Float64Array, _nBins: number): Float64Array { throw new Error('not implemented'); }
/** numpy.histogram_bin_edges(concat(a, b), bins='sturges'). */
export function sturgesEdges(_a: Float64Array, _b: Float64Array): Float64Array { throw new Error('not implemented'); }
/** Equal-width edges over [min, max]. */
export function equalWidthEdges(_min: number, _max: number, _nBins: number): Float64Array { throw new Error('not implemented'); }
/** Counts per bin like numpy.histogram (last bin closed on the right). */
export function binCounts(_values: Float64Array, _edges: Float64Array): Float64Array { throw new Error('not implemented'); }
/** Counts divided by their sum. */
export function toShares(_counts: ArrayLike<number>): Float64Array { throw new Error('not implemented'); }
