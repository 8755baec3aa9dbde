/** Injection tokens: interfaces have no runtime identity, so each port is registered under a symbol. */
export const TOKENS = {
  Config: Symbol('Config'),
  Logger: Symbol('Logger'),
  Clock: Symbol('Clock'),
  Mongo: Symbol('MongoConnection'),
  RateRepository: Symbol('RateRepository'),
  RateProvider: Symbol('RateProvider'),
  RequestBudget: Symbol('RequestBudget'),
  FixerPolicy: Symbol('FixerPolicy'),
  IngestionRunLog: Symbol('IngestionRunLog'),
  RunCoordinator: Symbol('RunCoordinator'),
} as const;

/** The current instant; injected so that "today" and "future" are testable. */
export type Clock = () => Date;
