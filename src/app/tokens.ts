/** Injection tokens: interfaces have no runtime identity, so each port is registered under a symbol. */
export const TOKENS = {
  Config: Symbol('Config'),
  Logger: Symbol('Logger'),
  Clock: Symbol('Clock'),
  Mongo: Symbol('MongoConnection'),
  RateRepository: Symbol('RateRepository'),
  RateProvider: Symbol('RateProvider'),
  RequestBudget: Symbol('RequestBudget'),
  IngestionRunLog: Symbol('IngestionRunLog'),
  /** The rate provider, or null when none is configured. */
  OptionalRateProvider: Symbol('OptionalRateProvider'),
  CurrencyCatalog: Symbol('CurrencyCatalog'),
  RatesChangeFeed: Symbol('RatesChangeFeed'),
  DataGeneration: Symbol('DataGeneration'),
  RunCoordinator: Symbol('RunCoordinator'),
  IngestionLock: Symbol('IngestionLock'),
  IngestionMetrics: Symbol('IngestionMetrics'),
} as const;

/** The current instant; injected so that "today" and "future" are testable. */
export type Clock = () => Date;
