// A package's files changing on disk while a kernel runs (npm run build, npm install) must not break
// tslab's compiler: without queueCompilerTimers a convert below throws "Unexpected
// pending rebuildTimer" (or the watcher's timer throws it uncaught and this file's process dies).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { queueCompilerTimers, queueTimers } from '../../../kernel-helpers/src/kernel/watchers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watchers-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function writePackage(name: string, dts: string): void {
  const pkg = path.join(dir, 'node_modules', name);
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', types: 'index.d.ts' }));
  fs.writeFileSync(path.join(pkg, 'index.js'), 'exports.a = 1;\n');
  fs.writeFileSync(path.join(pkg, 'index.d.ts'), dts);
}

test('cells keep compiling after a package is rebuilt and another installed, and see the new declarations', async () => {
  assert.equal(queueCompilerTimers(), true);
  assert.equal(queueCompilerTimers(), false, 'a second call changes nothing');
  writePackage('fakepkg', 'export declare const a: number;\n');
  process.chdir(dir); // tslab resolves cells' imports from the working directory, as the kernel does
  const { createConverter } = await import('tslab/dist/converter');
  const converter = createConverter({ isJS: false, isBrowser: false });
  try {
    let result = converter.convert('', 'import { a } from "fakepkg";\nconst b = a + 1;');
    assert.deepEqual(result.diagnostics, []);
    // A failed lookup: TypeScript would now watch the directories it searched.
    result = converter.convert(result.declOutput ?? '', 'import { zz } from "notyet";');
    assert.match(String(result.diagnostics[0]?.messageText), /Cannot find module 'notyet'/);

    writePackage('fakepkg', 'export declare const a: number;\nexport declare const c: string;\n');
    writePackage('notyet', 'export declare const zz: number;\n');
    // The file watcher notices the new declaration within a few seconds; every convert meanwhile must work.
    const deadline = Date.now() + 15_000;
    let messages: string[] = ['not tried'];
    while (messages.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      messages = converter.convert('', 'import { c } from "fakepkg";\nconst d = c.length;').diagnostics.map((d) => String(d.messageText));
    }
    assert.deepEqual(messages, [], 'the rebuilt declaration file is seen');
    // The module that was missing is looked up again once its folder appeared.
    const retried = converter.convert('', 'import { zz } from "notyet";\nconst e = zz + 1;').diagnostics.map((d) => String(d.messageText));
    assert.deepEqual(retried, [], 'the newly installed package is found');
  } finally {
    converter.close();
  }
});

/** A one-slot timer owner like tslab's: a second timer while one is pending throws. */
function oneSlot() {
  let pending: { callback: () => void } | null = null;
  return {
    set: (callback: (...a: unknown[]) => void) => {
      if (pending) throw new Error('Unexpected pending rebuildTimer');
      return (pending = { callback: () => callback() });
    },
    clear: (handle: unknown) => {
      if (handle !== pending) throw new Error('clearing unexpected timer');
      pending = null;
    },
    fire: () => {
      const p = pending;
      if (!p) throw new Error('rebuildTimer is not set properly');
      p.callback();
      pending = null;
    },
    get pending() { return pending !== null; },
  };
}

test('queueTimers: many timers share one slot, run in order when it fires, including ones scheduled meanwhile', () => {
  const slot = oneSlot();
  const timers = queueTimers(slot.set, slot.clear);
  const ran: string[] = [];
  timers.setTimeout(() => ran.push('lookup retry'), 250);
  const rebuild = timers.setTimeout(() => ran.push('stale rebuild'), 250);
  timers.clearTimeout(rebuild);
  timers.setTimeout((what) => { ran.push(String(what)); timers.setTimeout(() => ran.push('follow-up'), 250); }, 250, 'rebuild');
  assert.ok(slot.pending);
  slot.fire();
  assert.deepEqual(ran, ['lookup retry', 'rebuild', 'follow-up']);
  assert.ok(!slot.pending);
  // Clearing the only queued timer frees the slot; a new one takes it again.
  const lone = timers.setTimeout(() => ran.push('never'), 250);
  timers.clearTimeout(lone);
  assert.ok(!slot.pending);
  timers.setTimeout(() => ran.push('again'), 250);
  slot.fire();
  assert.deepEqual(ran.slice(-1), ['again']);
});
