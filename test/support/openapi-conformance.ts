import { Ajv2020 } from 'ajv/dist/2020.js';
import * as assert from 'uvu/assert';
import type { Answer } from './http.js';

/** A JSON pointer segment inside a URI fragment. */
const segment = (s: string) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'));

type Responses = Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
type Doc = { paths: Record<string, Record<string, { responses: Responses }>> };

/**
 * What an API testing tool checks of each answer, against the service's own /openapi.json, after the
 * status the test expects: the status is documented for the operation, a JSON body matches the documented schema (refs
 * resolved inside the document), and the headers a documented answer must carry are there.
 */
export function conformance(doc: object) {
  // The document is added whole so that `#/components/...` refs resolve; its other keys are not schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'openapi');
  const paths = (doc as Doc).paths;
  return (method: string, template: string, answer: Answer, expected: number, what = `${method} ${template}`) => {
    assert.is(answer.status, expected, `${what}: status`);
    const operation = paths[template]?.[method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is documented`);
    const documented = operation!.responses[String(answer.status)];
    assert.ok(documented, `${what}: status not documented (has ${Object.keys(operation!.responses).join(', ')})`);
    if (documented!.content?.['application/json']) {
      const pointer = ['paths', template, method.toLowerCase(), 'responses', String(answer.status)]
        .concat(['content', 'application/json', 'schema'])
        .map(segment)
        .join('/');
      const validate = ajv.compile({ $ref: `openapi#/${pointer}` });
      assert.ok(
        validate(answer.body),
        `${what}: body ${JSON.stringify(answer.body)}: ${ajv.errorsText(validate.errors)}`,
      );
    } else {
      assert.ok(answer.body === null || answer.body === '', `${what}: no body documented`);
    }
    if (answer.status === 429)
      assert.match(answer.headers.get('retry-after') ?? '', /^[1-9]\d*$/, `${what}: Retry-After`);
    if (answer.status === 200 && method === 'GET') assert.ok(answer.headers.get('etag'), `${what}: ETag`);
  };
}
