export { startFixerSandbox, type FixerSandbox, type SandboxRequest } from './fixer-sandbox.js';
export type { DateError, FixerSandboxOptions, FixerSandboxSettings, SandboxPlan } from './sandbox-options.js';
