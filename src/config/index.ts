export * from './config.ts';
export { ConfigError, maskSecret, type ConfigProblem } from './config-error.ts';
export { VARIABLES, type VariableDoc } from './variables.ts';
