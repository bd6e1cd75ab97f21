/** In the browser project, `rivulet` resolves through the `source` condition to core/src too. */
import { expect, it } from 'vitest';
import * as fromPackage from 'rivulet';
import * as fromSource from '../../src/index.ts';

it('resolves rivulet to core/src in the browser, as the same module instances', () => {
  expect(fromPackage.RDDContext).toBe(fromSource.RDDContext);
});
