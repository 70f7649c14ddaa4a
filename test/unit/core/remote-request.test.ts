import { strict as assert } from 'node:assert';
import { resolveRemoteRequest } from '../../../src/core/remote-request';

describe('resolveRemoteRequest', () => {
  it('is off unless something turns it on', () => {
    assert.equal(resolveRemoteRequest(undefined, undefined, true), undefined);
    assert.equal(resolveRemoteRequest({ budgetMB: 4 }, { retries: 1 }, true), undefined);
  });

  it('lets the config turn it on where the caller allows (the command line), with the flags over its limits', () => {
    assert.deepEqual(resolveRemoteRequest({ enabled: true, budgetMB: 4, retries: 3 }, { retries: 0 }, true), { enabled: true, budgetMB: 4, retries: 0 });
    assert.equal(resolveRemoteRequest({ enabled: true }, { enabled: false }, true), undefined, '--no-remote wins');
  });

  it("never lets a workspace's config turn it on in the editor, whose own setting decides", () => {
    assert.equal(resolveRemoteRequest({ enabled: true }, { enabled: false }, false), undefined);
    assert.equal(resolveRemoteRequest({ enabled: true }, undefined, false), undefined);
    assert.deepEqual(resolveRemoteRequest({ budgetMB: 2 }, { enabled: true }, false), { enabled: true, budgetMB: 2 });
  });
});
