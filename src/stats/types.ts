/** Result of a hypothesis test. */
export interface TestResult {
  readonly statistic: number;
  /** Two-sided unless the function says otherwise. */
  readonly pValue: number;
}

/** Options shared by tests that need ordered samples: pass `sorted: true` when both inputs are already sorted ascending, to skip the copy and sort. */
export interface SortedOption {
  readonly sorted?: boolean;
}
