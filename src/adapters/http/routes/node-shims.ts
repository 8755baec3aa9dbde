import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestState } from '../edge/request-state.js';
import { clientHolds, etagOfBody } from '../response-meta.js';
import { restErrorBody } from '../rest-error.js';

type Params = Record<string, string>;
type Listener = (...args: unknown[]) => void;

/**
 * Node's events of the request or response a shim stands for, which tRPC listens to (a client that goes
 * away aborts the call's signal). Methods on the prototype: nothing is bound anew per request.
 */
class RawEvents<Raw extends IncomingMessage | ServerResponse> {
  protected readonly raw: Raw;

  constructor(raw: Raw) {
    this.raw = raw;
  }

  once(event: string, listener: Listener) {
    this.raw.once(event, listener);
    return this;
  }
  on(event: string, listener: Listener) {
    this.raw.on(event, listener);
    return this;
  }
  off(event: string, listener: Listener) {
    this.raw.off(event, listener);
    return this;
  }
  removeListener(event: string, listener: Listener) {
    this.raw.removeListener(event, listener);
    return this;
  }
}

/**
 * The request as trpc-to-openapi's node handler reads it: method, URL, headers, Fastify's parsed query
 * and body, and Node's request events.
 */
export class RestRequest extends RawEvents<IncomingMessage> {
  readonly method: string;
  readonly url: string;
  readonly headers: FastifyRequest['headers'];
  readonly query: unknown;
  // Declared, not a field: a GET must not have `body` at all.
  declare readonly body?: unknown;
  readonly edgeState: RequestState | undefined;
  readonly socket: IncomingMessage['socket'];

  constructor(request: FastifyRequest, path: string, state: RequestState | undefined) {
    super(request.raw);
    const at = request.url.indexOf('?');
    this.method = request.method === 'HEAD' ? 'GET' : request.method;
    this.url = at < 0 ? path : path + request.url.slice(at);
    this.headers = request.headers;
    this.query = request.query;
    // Only a POST has a body: the handler reads `'body' in req` as "already parsed".
    if (request.method === 'POST') (this as { body?: unknown }).body = request.body;
    this.edgeState = state;
    this.socket = request.raw.socket;
  }

  destroy(error?: Error) {
    this.raw.destroy(error);
    return this;
  }
}

/**
 * A response whose `end` sends through Fastify (so hooks, compression and HEAD apply); errors reshaped;
 * a success the request state says to tag gets its ETag from the body text it is given (the handler's
 * JSON.stringify of the answer), and 304 when the request's conditions say the client holds it.
 */
export class RestResponse extends RawEvents<ServerResponse> {
  readonly socket: ServerResponse['socket'];
  readonly #reply: FastifyReply;
  readonly #params: Params;
  readonly #state: RequestState | undefined;

  constructor(reply: FastifyReply, params: Params, state?: RequestState) {
    super(reply.raw);
    this.#reply = reply;
    this.#params = params;
    this.#state = state;
    this.socket = reply.raw.socket;
  }

  get statusCode() {
    return this.#reply.statusCode;
  }
  set statusCode(code: number) {
    void this.#reply.code(code);
  }
  setHeader(name: string, value: string) {
    void this.#reply.header(name, value);
  }
  end(data?: string) {
    const reply = this.#reply;
    if (reply.sent) return;
    if (reply.statusCode >= 400) {
      void reply.send(JSON.stringify(restErrorBody(reply.statusCode, data ?? '', this.#params)));
      return;
    }
    const facts = this.#state?.tagOnSend;
    if (facts && reply.statusCode === 200 && data !== undefined) {
      const etag = etagOfBody(data);
      void reply.header('etag', etag);
      if (clientHolds(facts, etag)) void reply.code(304);
    }
    void reply.send(data);
  }
  get headersSent() {
    return this.raw.headersSent;
  }
  // tRPC aborts the request's signal when the response closes before it ended: without this, every
  // answered request counted as abandoned (an AbortController abort, a DOMException made, each time).
  get writableEnded() {
    return this.raw.writableEnded;
  }
  emit(event: string, ...args: unknown[]) {
    return this.raw.emit(event, ...args);
  }
}
