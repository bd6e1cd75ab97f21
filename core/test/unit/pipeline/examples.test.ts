/**
 * The example pipelines of `examples/pipelines/`: each is valid, and compiled from its spec it
 * prints exactly what its fluent-API twin prints, batch for batch, on the same ManualClock schedule
 * and the same seeded generator input; its exported program prints the same too.
 */
import { describe, expect, it } from 'vitest';
import { exportCode, validatePipeline } from '../../../src/index.js';
import { examplePipelines, runCompiled, runExported, runFluent } from './runPipeline.js';
import { twins } from './twins.js';

const examples = examplePipelines();

describe('example pipelines', () => {
  it('has a fluent-API twin for every example, and an example for every twin', () => {
    expect([...examples.keys()].sort()).toEqual(Object.keys(twins).sort());
  });

  for (const [name, spec] of examples) {
    const twin = twins[name]!;
    describe(name, () => {
      it('is valid', () => {
        expect(validatePipeline(spec)).toEqual([]);
      });

      it('prints what its fluent-API twin prints', async () => {
        const compiled = await runCompiled(spec, twin.numBatches);
        const fluent = await runFluent(twin.batchDurationMs, twin.checkpoint, twin.build, twin.numBatches);
        expect(compiled.length).toBeGreaterThan(0);
        expect(compiled).toEqual(fluent);
      });

      it('prints the same when run as the exported program', async () => {
        const compiled = await runCompiled(spec, twin.numBatches);
        const exported = await runExported(exportCode(spec), twin.numBatches);
        expect(exported).toEqual(compiled);
      });
    });
  }
});
