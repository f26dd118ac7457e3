/** Demo mode (`driftwatch serve --demo`): the dashboard's "Simulate high drift" and "Reset demo". */
import { z } from 'zod';

export const simulateDriftResponseSchema = z.strictObject({
  /** Drifted, labelled rows sent through the predict and feedback routes. */
  rows: z.number().int(),
  /** The check run right after, and what it found. */
  report_id: z.number().int().nullable(),
  drift: z.boolean(),
  drift_share: z.number().nullable(),
});

export const resetDemoResponseSchema = z.strictObject({
  rejected_approvals: z.number().int(),
  production_version: z.number().int(),
  deleted_rows: z.number().int(),
});

export type SimulateDriftResponse = z.infer<typeof simulateDriftResponseSchema>;
export type ResetDemoResponse = z.infer<typeof resetDemoResponseSchema>;
