// Snapshot tests of the TextMate grammar over the repository's scripts (the golden corpus, the
// examples and the standard library), with vscode-tmgrammar-test's tokenizer and snapshot format:
// each script's tokens and scopes are kept in test/snapshots/<its path>.snap, and a change in how
// the grammar colours any of them fails here until it is looked at and taken with --update.
//
// A snapshot records the lines it was made from. A script edited since (other work changes the
// corpus every day) is not compared line by line but listed as stale, so that editing a golden
// case never fails the grammar's tests; --update brings every snapshot up to date.
'use strict';

const fs = require('fs');
const path = require('path');
const { createRegistry } = require('vscode-tmgrammar-test/dist/common/index');
const { getVSCodeTokens, renderSnap, parseSnap } = require('vscode-tmgrammar-test/dist/snapshot/index');

const root = path.resolve(__dirname, '../../..');
const corpus = ['tests/golden', 'scripts', 'src/GradScript/Modules'];
const snapshots = path.join(__dirname, 'snapshots');
const update = process.argv.includes('--update');
// The nesting and size bombs of the corpus are about size, not colours; their snapshots would be
// megabytes of one line.
const maxBytes = 64 * 1024;

function gradFiles(dir) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return gradFiles(relative);
    return entry.name.endsWith('.grad') ? [relative] : [];
  });
}

async function main() {
  const registry = createRegistry([{
    language: 'gradscript',
    scopeName: 'source.gradscript',
    path: path.join(__dirname, '..', 'syntaxes', 'gradscript.tmLanguage.json'),
  }]);
  let checked = 0, written = 0, stale = 0, failed = 0;
  for (const file of corpus.flatMap(gradFiles).sort()) {
    if (fs.statSync(path.join(root, file)).size > maxBytes) continue;
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    const actual = renderSnap(await getVSCodeTokens(registry, 'source.gradscript', source));
    const snapshotPath = path.join(snapshots, file + '.snap');
    if (update) {
      fs.mkdirSync(path.dirname(snapshotPath), { recursive: true });
      fs.writeFileSync(snapshotPath, actual);
      written++;
      continue;
    }
    if (!fs.existsSync(snapshotPath)) { stale++; continue; }
    const expected = fs.readFileSync(snapshotPath, 'utf8');
    const sameSource = parseSnap(expected).map((l) => l.src).join('\n') === parseSnap(actual).map((l) => l.src).join('\n');
    if (!sameSource) { stale++; continue; }
    checked++;
    if (expected !== actual) {
      failed++;
      console.log(`FAIL ${file}: the grammar colours it differently from ${path.relative(root, snapshotPath)}`);
    }
  }
  if (update) {
    console.log(`wrote ${written} snapshots`);
    return;
  }
  console.log(`grammar snapshots: ${checked} scripts compared, ${stale} edited or new since their snapshot (npm run test:update)`);
  console.log(`${checked - failed} passed, ${failed} failed`);
  if (checked === 0) {
    console.log('no snapshot compared');
    process.exitCode = 1;
  }
  if (failed > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
