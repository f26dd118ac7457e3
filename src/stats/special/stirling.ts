/**
 * Stirling's remainder log Gamma(x) - [(x - 1/2) log x - x + log sqrt(2 pi)] for x >= 10 (equivalently
 * log Gamma(x + 1) - [(x + 1/2) log x - x + log sqrt(2 pi)]), by its asymptotic series to the r^13 term.
 * Shared by logGamma, the incomplete gamma prefactor and logBeta; internal (not re-exported by index.ts).
 */
export function stirlingRemainder(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360 - r2 / 156))))));
}
