/**
 * The operations behind the demo's buttons. The server names them; `driftwatch serve --demo`, which runs the
 * simulated traffic, implements them and hands them to the server.
 */
export interface DemoController {
  /** Sends a burst of strongly drifted, labelled traffic and runs a drift check at once. */
  simulateHighDrift(actor: string): Promise<{ rows: number; reportId: number | null; drift: boolean; driftShare: number | null }>;
  /** Back to the start: undrifted traffic, pending approvals rejected, version 1 in production, logged rows cleared. */
  reset(actor: string): Promise<{ rejectedApprovals: number; productionVersion: number; deletedRows: number }>;
}
