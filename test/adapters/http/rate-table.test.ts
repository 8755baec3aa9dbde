import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import * as assert from 'uvu/assert';
import { rateTable } from '../../../src/adapters/http/responses/rate-table.js';
import { suite } from '../../support/suite.js';

const t = suite('the rate table every answer with rates is checked against on its way out');

t('a table of finite numbers passes, the same object', () => {
  const table = { USD: 1.093434, JPY: 157.12, XAU: 0.000482 };
  const parsed = rateTable.safeParse(table);
  assert.ok(parsed.success);
  assert.is(parsed.data, table);
  assert.ok(rateTable.safeParse({}).success);
});

t('anything else is refused: a string, NaN or an infinite rate, null, an array, a number', () => {
  for (const bad of [{ USD: '1.09' }, { USD: Number.NaN }, { USD: Infinity }, { USD: null }, null, [1.2], 1.2, 'x']) {
    assert.not.ok(rateTable.safeParse(bad).success, JSON.stringify(bad));
  }
});

t('documented as the record it is: string keys, number values, with its description and example', () => {
  const doc = createDocument({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    components: { schemas: { T: z.object({ rates: rateTable }) } },
  });
  const schema = (doc.components?.schemas?.T as { properties: Record<string, unknown> }).properties.rates;
  assert.equal(schema, {
    description: 'Units of each currency per one unit of base',
    example: { USD: 1.093434, GBP: 0.862 },
    type: 'object',
    propertyNames: { type: 'string' },
    additionalProperties: { type: 'number' },
  });
});

t.run();
