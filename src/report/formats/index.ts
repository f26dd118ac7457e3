/**
 * Report outputs: `terminal` prints the summary; the others are files. What `--format` and the config's
 * `output.formats` accept. A light module on purpose: parsing a command line must not load the renderers.
 */
export const OUTPUT_FORMATS = ['terminal', 'json', 'csv', 'html', 'png'] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
