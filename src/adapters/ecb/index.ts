export { EcbRateProvider } from './ecb-rate-provider.js';
export { ECB_DEFAULTS, ECB_PROVIDER, type EcbOptions } from './ecb-options.js';
export { chooseFile, ECB_FILES, FIRST_PUBLICATION, type EcbFile } from './ecb-files.js';
export { createEcbPolicy } from './ecb-policy.js';
