/** Config files in general: YAML read and validated against a schema the caller gives; "did you mean" hints. */
export { parseYamlConfig, readConfigText, yamlKeyLines } from './read-yaml-config.js';
export { formatIssue, allowedKeys, type IssueText } from './format-issue.js';
export { closestMatch, editDistance } from './did-you-mean.js';
