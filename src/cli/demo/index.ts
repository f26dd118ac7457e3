/** The demo's example scenarios and the reference/current split. */
export { DEMO_SCENARIOS, DEMO_SCENARIO_NAMES, type DemoScenario, type DemoScenarioName } from './scenarios.js';
export { buildDemoPair, type DemoPair } from './build-demo-data.js';
