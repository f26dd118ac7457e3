/** Config files in general: YAML read and validated against a schema the caller gives; the "did you mean" hints are in core itself (did-you-mean.ts). */
export { parseYamlConfig, readConfigText, yamlKeyLines } from './read-yaml-config.js';
export { formatIssue, allowedKeys, type IssueText } from './format-issue.js';
