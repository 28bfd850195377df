import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Converter, Diagnostic } from 'tslab/dist/converter';
import { CellRecorder, toCellDiagnostic } from '../../../kernel-helpers/src/kernel/recorder';

const DIAG: Diagnostic = {
  start: { offset: 6, line: 0, character: 6 },
  end: { offset: 7, line: 0, character: 7 },
  messageText: "Type 'string' is not assignable to type 'number'.",
  category: 1,
  code: 2322,
};

test('toCellDiagnostic turns tslab 0-based positions into 1-based ones and keeps a file name', () => {
  assert.deepEqual(toCellDiagnostic(DIAG), { line: 1, column: 7, code: 2322, message: DIAG.messageText });
  assert.deepEqual(toCellDiagnostic({ ...DIAG, fileName: 'util.ts' }).fileName, 'util.ts');
});

test('the console records the last value and a thrown value, and ignores diagnostic printouts', () => {
  const rec = new CellRecorder();
  rec.begin();
  rec.console.error('%s%d:%d - %s', '', 1, 7, 'message printed by tslab');
  assert.deepEqual(rec.take(), { diagnostics: [] });
  rec.begin();
  rec.console.log(42);
  rec.console.error(undefined);
  assert.deepEqual(rec.take(), { diagnostics: [], result: { value: 42 }, thrown: { value: undefined } });
  assert.deepEqual(rec.take(), { diagnostics: [] }, 'take() starts afresh');
});

function fakeConverter(diagnostics: Diagnostic[]): Converter {
  return {
    convert: () => ({ diagnostics }),
    addModule: () => diagnostics,
    inspect: () => ({ kind: 'x' }) as unknown as ReturnType<Converter['inspect']>,
    complete: () => ({ start: 1, end: 2, candidates: ['abs'] }),
    close: () => undefined,
  };
}

test('wrapped converters record diagnostics of convert and addModule, pass everything else through', () => {
  const rec = new CellRecorder();
  let created = 0;
  let closed = 0;
  const inner = {
    get node() {
      created++;
      return fakeConverter([DIAG]);
    },
    get browser(): Converter {
      throw new Error('the browser converter must not be created unless used');
    },
    close: () => void closed++,
  };
  const convs = rec.wrapConverters(inner);
  assert.equal(created, 0, 'converters stay lazy');
  rec.begin();
  assert.deepEqual(convs.node.convert('', 'const n: number = "s";').diagnostics, [DIAG]);
  convs.node.addModule('m', 'src');
  assert.equal(created, 1, 'the wrapper is created once');
  assert.deepEqual(rec.take().diagnostics, [toCellDiagnostic(DIAG), toCellDiagnostic(DIAG)]);
  assert.deepEqual(convs.node.complete('', 'Math.ab', 7).candidates, ['abs']);
  convs.close();
  assert.equal(closed, 1);
});
