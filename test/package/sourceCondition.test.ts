/**
 * Inside the repo, `rivulet` resolves through the `source` export condition to core/src (no build
 * needed), and to the very same module instances that relative imports of core/src get.
 */
import { describe, expect, it } from 'vitest';
import * as fromPackage from 'rivulet';
import * as fromSource from '../../core/src/index.ts';

describe('the source condition', () => {
  it('resolves rivulet to core/src under vitest (node)', () => {
    expect(fromPackage.RDDContext).toBe(fromSource.RDDContext);
    expect(fromPackage.RivuletError).toBe(fromSource.RivuletError);
  });

  it('resolves rivulet/testing under vitest', async () => {
    await expect(import('rivulet/testing')).resolves.toBeTypeOf('object');
  });
});
