/** CLI entry: parses argv and dispatches to one file per command. Returns the process exit code. */
export async function main(_argv: readonly string[]): Promise<number> {
  process.stderr.write('driftwatch: no commands yet\n');
  return 2;
}
