import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { progressLine, terminalProgress } from '../../../src/cli/progress';

describe('cli/progress', () => {
  it('draws the share done, the megabytes and the file being read', () => {
    const line = progressLine('a.dataset.yaml', { bytesDone: 5e6, bytesTotal: 10e6, file: '/x/data/train.jsonl' }, 200);
    assert.match(line, /^analyzing a\.dataset\.yaml ▕█{12}░{12}▏  50% 5\.0\/10\.0 MB train\.jsonl$/);
  });

  it('never exceeds the terminal width', () => {
    assert.ok(progressLine('x'.repeat(100), { bytesDone: 1, bytesTotal: 2 }, 40).length <= 39);
  });

  it('redraws in place at most every 80 ms (always at 100%) and clears its line when done', () => {
    const stream = new PassThrough();
    let time = 0;
    const progress = terminalProgress(stream, 80, () => time);
    progress.start('m');
    progress.update({ bytesDone: 1, bytesTotal: 10 });
    time = 10;
    progress.update({ bytesDone: 2, bytesTotal: 10 });
    time = 20;
    progress.update({ bytesDone: 10, bytesTotal: 10 });
    progress.done();
    const written = String(stream.read());
    assert.equal(written.split('\r').length - 1, 3);
    assert.match(written, / 10% .* 100% /s);
    assert.ok(written.endsWith('\r\u001b[K'));
  });
});
