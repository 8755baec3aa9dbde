import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../error-body.js';
import type { HttpOptions } from '../http-options.js';
import { AllowedMethods } from './allowed-methods.js';

/** Fastify's own errors for what a client sent, with the stable code each becomes. */
const CLIENT_ERRORS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.INVALID',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.INVALID',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.INVALID',
  FST_CP_ERR_INVALID_CONTENT_ENCODING: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Errors the edge answers itself, in the one error body: 404 for unknown paths, 405 with `Allow` for
 * a known path with another method (TRACE included), 400/413/415 for bodies Fastify refuses, and 500
 * `INTERNAL` for our own bugs (logged at error level, nothing of them in the body). A client error is
 * never a 5xx.
 */
export function installErrorHandling(app: FastifyInstance, opts: HttpOptions): void {
  const allowed = new AllowedMethods();
  app.addHook('onRoute', (route) => allowed.add(route.url, route.method));

  const notFound = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?', 1)[0]!;
    const methods = allowed.of(path);
    if (methods.length > 0 && !methods.includes(request.method)) {
      return send(reply, 405, errorBody('REQUEST.METHOD_NOT_ALLOWED', `${request.method} is not allowed here`), {
        allow: methods.join(', '),
      });
    }
    return send(reply, 404, errorBody('ROUTE.NOT_FOUND', `no route for ${request.method} ${path}`));
  };
  // Answered before anything reads the body: a body sent with an unknown method or path is never parsed.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.is404) return void notFound(request, reply);
    done();
  });
  app.setNotFoundHandler(notFound);

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const code = error.code ? CLIENT_ERRORS[error.code] : undefined;
    const status = error.statusCode ?? 500;
    if (code) return send(reply, status, errorBody(code, error.message));
    if (status >= 400 && status < 500) return send(reply, status, errorBody('REQUEST.INVALID', error.message));
    opts.logger.error(
      { method: request.method, cause: { name: error.name, message: error.message } },
      'request failed',
    );
    return send(reply, 500, errorBody('INTERNAL', 'internal error'));
  });
}

/**
 * Errors Fastify meets before routing (a target its router cannot read: FST_ERR_BAD_URL, a bad
 * constraint), which never reach the error handler: the same body and stable code as any other 400.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void send(reply, 400, errorBody('REQUEST.INVALID', error.message));
}

function send(reply: FastifyReply, status: number, body: object, headers: Record<string, string> = {}) {
  return reply
    .code(status)
    .headers({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers })
    .send(JSON.stringify(body));
}
