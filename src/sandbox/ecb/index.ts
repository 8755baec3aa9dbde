export { ECB_BASE_PATH } from './answers.js';
export { startEcbSandbox, type EcbSandbox, type EcbSandboxRequest } from './ecb-sandbox.js';
export { ECB_FILE_NAMES, daysOf, fileText, type EcbFileName } from './ecb-files.js';
export { ECB_CURRENCIES, ecbRateTexts } from './ecb-rates.js';
export type { EcbSandboxOptions, EcbSandboxSettings } from './sandbox-options.js';
export { easterSunday, isPublicationDay, newestPublishedDay, targetHolidays } from './target-calendar.js';
