// Runs (SYNTHLINT_SUITE=training) on test/fixtures/real-configs/alignment-handbook: real recipes, unchanged,
// called config_full.yaml, config.yaml, config_v1.0.yaml. No file has a manifest's name and there is no
// synthlint config, so synthlint must start from the training-config activation events and recognise the
// recipes by their content.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openInEditor, synthlintApi, synthlintExtension, waitFor, workspaceRoot } from './helpers';

describe('activation on a checkout of training recipes', () => {
  it('holds no file the manifest-name events match (so activation below comes from the recipes)', async () => {
    const byName = ['**/*.dataset.{yaml,yml,json}', '**/*mixer*.{yaml,yml}', '**/*.mixture.{yaml,yml}', '**/axolotl*.{yaml,yml}', '**/.synthlint.*'];
    assert.deepEqual(await vscode.workspace.findFiles(`{${byName.join(',')}}`), [], `in ${workspaceRoot()}`);
  });

  it('activates before any editor is opened', async () => {
    assert.equal(vscode.window.visibleTextEditors.length, 0, 'a document is already open: activation would not prove anything');
    await waitFor('synthlint to activate', () => synthlintExtension().isActive, 30_000);
  });

  it('lints a recipe named config.yaml as a TRL dataset_mixture: the status bar shows it', async () => {
    const api = await synthlintApi();
    await openInEditor('recipes/smollm/sft/config.yaml');
    await api.whenIdle();
    const text = await waitFor('the status item for the recipe', () => api.statusText().startsWith('$(beaker)') && api.statusText(), 30_000, () => `'${api.statusText()}'`);
    assert.match(text, /\$\(error\) \d+ \$\(warning\) \d+$/);
  });
});
