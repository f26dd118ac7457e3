/** The demo's datasets and the drift injected into each (known ground truth for the analysis to find). */
import { parseTransform } from '../simulate/parse-transform.js';
import type { DriftTransform } from '../../data/simulate/index.js';

export interface DemoScenario {
  readonly name: string;
  readonly title: string;
  /** File name in examples/data. */
  readonly file: string;
  readonly label: string;
  readonly transforms: readonly DriftTransform[];
}

const t = parseTransform;

export const DEMO_SCENARIOS = {
  telco: {
    name: 'telco',
    title: 'IBM Telco customer churn',
    file: 'telco_churn.csv',
    label: 'churn',
    transforms: [
      // Month-to-month contracts go from about 55% to about 71% of customers (prior shift)…
      t('resample', 'contract=Month-to-month:1.3'),
      // …prices rise…
      t('shift', 'monthly_charges=+15'),
      // …tenures bunch towards the middle…
      t('scale', 'tenure=0.6'),
      // …and a billing export starts dropping values.
      t('missing', 'total_charges=0.1'),
    ],
  },
  'breast-cancer': {
    name: 'breast-cancer',
    title: 'Breast Cancer Wisconsin (Diagnostic)',
    file: 'breast_cancer_wisconsin.csv',
    label: 'target',
    transforms: [
      // A referral change: malignant cases (target 0) from about 37% to about 56%.
      t('resample', 'target=0:1.5'),
      // A recalibrated imaging device.
      t('shift', 'mean radius=+1.5'),
      t('noise', 'mean texture=1.5'),
    ],
  },
} as const satisfies Record<string, DemoScenario>;

export type DemoScenarioName = keyof typeof DEMO_SCENARIOS;
export const DEMO_SCENARIO_NAMES = Object.keys(DEMO_SCENARIOS) as DemoScenarioName[];
