import { strict as assert } from 'node:assert';
import type { TextEdit } from '../../../src/core/finding';
import { LineIndex } from '../../../src/core/range';
import { acceptsComment, disableNextLineEdit, isSuppressed, parseSuppressions } from '../../../src/core/suppressions';
import { disableInConfigEdit, newConfigText } from '../../../src/server/suppress-edits';

/** Applies one edit to a text, as the editor would (no edit: the text unchanged). */
function apply(text: string, edit: TextEdit | undefined): string {
  if (!edit) return text;
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
}

describe('core: disable-for-this-line edit', () => {
  const FILE = '/a/x.dataset.yaml';
  const manifest = 'name: mix\nsources:\n  - id: alpaca\n    origin: synthetic\n';

  it('adds the rule before the reason of an existing directive, where lint reads it (issue #12)', () => {
    const text = 'sources:\n  - id: seeds\n    # synthlint-disable-next-line provenance-missing -- seed set, checked by hand\n    files: [seeds.jsonl]\n';
    const fixed = apply(text, disableNextLineEdit(FILE, text, 3, 'source-missing'));
    assert.equal(fixed, 'sources:\n  - id: seeds\n    # synthlint-disable-next-line provenance-missing, source-missing -- seed set, checked by hand\n    files: [seeds.jsonl]\n');
    const directives = parseSuppressions(FILE, fixed);
    assert.equal(isSuppressed(directives, 'source-missing', 3), true, 'the fix suppresses what it says');
    assert.equal(isSuppressed(directives, 'provenance-missing', 3), true);
    assert.equal(directives[0]?.reason, 'seed set, checked by hand');
  });

  it('offers no edit when the directive above already covers the rule, by name or by naming none', () => {
    const all = 'a:\n  # synthlint-disable-next-line -- all of them\n  b: 1\n';
    assert.equal(disableNextLineEdit(FILE, all, 2, 'source-missing'), undefined);
  });

  it('reads the front matter of a card as the linter does, with the one front-matter reader', () => {
    const card = '---\nsource_datasets:\n# synthlint-disable-next-line provenance-missing\n- tatsu-lab/alpaca\n---\n# Title\n';
    const fixed = apply(card, disableNextLineEdit('/a/README.md', card, 3, 'source-missing'));
    assert.match(fixed, /# synthlint-disable-next-line provenance-missing, source-missing\n- tatsu-lab\/alpaca/);
    assert.equal(isSuppressed(parseSuppressions('/a/README.md', fixed), 'source-missing', 3), true);
  });

  it('inserts the directive above the line with that line’s indentation', () => {
    assert.equal(
      apply(manifest, disableNextLineEdit(FILE, manifest, 3, 'generator-missing')),
      'name: mix\nsources:\n  - id: alpaca\n    # synthlint-disable-next-line generator-missing\n    origin: synthetic\n',
    );
  });

  it('adds the rule to a directive already above the line instead of stacking a second one', () => {
    const once = apply(manifest, disableNextLineEdit(FILE, manifest, 3, 'generator-missing'));
    assert.equal(
      apply(once, disableNextLineEdit(FILE, once, 4, 'synthetic-share')),
      'name: mix\nsources:\n  - id: alpaca\n    # synthlint-disable-next-line generator-missing, synthetic-share\n    origin: synthetic\n',
    );
    assert.equal(apply(once, disableNextLineEdit(FILE, once, 4, 'generator-missing')), once);
  });

  it('offers comments in YAML and in a card’s front matter, not in JSON or Markdown prose', () => {
    const card = '---\nlanguage_creators:\n- machine-generated\n---\n# Title\n';
    assert.equal(acceptsComment('/a/x.dataset.yaml', manifest, 2), true);
    assert.equal(acceptsComment('/a/README.md', card, 1), true);
    assert.equal(acceptsComment('/a/README.md', card, 4), false);
    assert.equal(acceptsComment('/a/x.dataset.json', '{}', 0), false);
  });
});

describe('server: disable-in-config edit', () => {
  it('adds the rule under an existing rules block, aligned with its entries', () => {
    const config = 'extends: recommended\nrules:\n    synthetic-share: warning\nignore:\n  - tmp/**\n';
    const edit = disableInConfigEdit(config, 'generator-missing', false);
    assert.ok(edit);
    assert.equal(
      apply(config, edit),
      'extends: recommended\nrules:\n    synthetic-share: warning\n    generator-missing: off\nignore:\n  - tmp/**\n',
    );
  });

  it('turns an already configured rule off in place', () => {
    const config = 'rules:\n  generator-missing: error # keep\n';
    const edit = disableInConfigEdit(config, 'generator-missing', false);
    assert.ok(edit);
    assert.equal(apply(config, edit), 'rules:\n  generator-missing: off # keep\n');
  });

  it('appends a rules block when the config has none, and fills an empty one', () => {
    const noRules = 'extends: strict';
    assert.equal(apply(noRules, disableInConfigEdit(noRules, 'r1', false)!), 'extends: strict\nrules:\n  r1: off\n');
    const empty = 'rules:\nextends: strict\n';
    assert.equal(apply(empty, disableInConfigEdit(empty, 'r1', false)!), 'rules:\n  r1: off\nextends: strict\n');
  });

  it('edits JSON configs as JSON', () => {
    const json = '{\n  "extends": "recommended",\n  "rules": { "a": "warning" }\n}\n';
    const edit = disableInConfigEdit(json, 'r1', true);
    assert.ok(edit);
    const result = apply(json, edit);
    assert.deepEqual(JSON.parse(result), { extends: 'recommended', rules: { a: 'warning', r1: 'off' } });
    const bare = '{ "extends": "strict" }';
    assert.deepEqual(JSON.parse(apply(bare, disableInConfigEdit(bare, 'r1', true)!)), { extends: 'strict', rules: { r1: 'off' } });
    assert.deepEqual(JSON.parse(newConfigText('r1', true)), { rules: { r1: 'off' } });
  });

  it('declines a config it cannot parse rather than guessing', () => {
    assert.equal(disableInConfigEdit('rules: [unclosed\n', 'r1', false), undefined);
  });
});
