// Grammar tests: the hand-written assertions in tests/*.test.prune, and a snapshot of the scopes of every
// example (copied from ../../examples, the snapshots kept in tests/examples). `npm test -- --update`
// rewrites the snapshots after a deliberate change to the grammar or the examples.
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const here = __dirname;
const examples = path.join(here, '..', '..', '..', 'examples');
const copies = path.join(here, 'examples');
fs.mkdirSync(copies, { recursive: true });
for (const name of fs.readdirSync(copies)) {
  if (name.endsWith('.prune')) fs.unlinkSync(path.join(copies, name));
}
const names = fs.readdirSync(examples).filter((n) => n.endsWith('.prune')).sort();
if (names.length === 0) throw new Error('no examples found in ' + examples);
for (const name of names) fs.copyFileSync(path.join(examples, name), path.join(copies, name));
const update = process.argv.includes('--update') ? ['--updateSnapshot'] : [];
for (const name of names) {
  // A missing snapshot would be written and pass: a new example needs a deliberate --update.
  if (update.length === 0 && !fs.existsSync(path.join(copies, name + '.snap'))) {
    throw new Error('no snapshot for examples/' + name + ': run npm test -- --update and review tests/examples/' + name + '.snap');
  }
}
for (const snap of fs.readdirSync(copies).filter((n) => n.endsWith('.snap'))) {
  if (!names.includes(snap.replace(/\.snap$/, ''))) throw new Error('snapshot of a removed example: tests/examples/' + snap);
}

const bin = (name) => path.join(here, '..', 'node_modules', '.bin', name);
const grammar = path.join(here, '..', 'syntaxes', 'prune.tmLanguage.json');
const run = (tool, args) => execFileSync(bin(tool), args, { stdio: 'inherit', cwd: path.join(here, '..') });
run('vscode-tmgrammar-test', ['-g', grammar, 'tests/*.test.prune']);
run('vscode-tmgrammar-snap', ['-g', grammar, '-s', 'source.prune', '--expandDiff', ...update, 'tests/examples/*.prune']);
console.log('grammar tests passed over ' + names.length + ' examples');
