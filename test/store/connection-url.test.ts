import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchPathSchema } from '../../src/store/postgres/connection-url.ts';

describe('the schema a PostgreSQL URL names', () => {
  it("is the search_path of the URL's libpq options, and only a single plain name", () => {
    assert.equal(searchPathSchema('postgres://h/db?options=-c%20search_path%3Dliptako'), 'liptako');
    assert.equal(searchPathSchema('postgres://h/db?options=-c+search_path%3Dtenant_2'), 'tenant_2');
    assert.equal(
      searchPathSchema(
        'postgres://h/db?sslmode=disable&options=-c%20statement_timeout%3D5s%20--search_path%3Dt1',
      ),
      't1',
    );
    assert.equal(searchPathSchema('postgres://h/db'), undefined);
    assert.equal(searchPathSchema('postgres://h/db?options=-c%20search_path%3Dt1%2Cpublic'), undefined);
    assert.equal(searchPathSchema('postgres://h/db?options=-c%20search_path%3D%22Mixed%22'), undefined);
    assert.equal(searchPathSchema('postgres://h/db?options=-c%20statement_timeout%3D5s'), undefined);
  });
});
