// The VS Code side of prune: starts `prune lsp` (the language server, which does all the work) and
// connects it to .prune documents. Highlighting comes from the TextMate grammar without the server.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('prune');
  const command = config.get('server.command', 'prune');
  const args = config.get('server.args', ['lsp']);
  const serverOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'prune' }, { scheme: 'untitled', language: 'prune' }],
  };
  client = new LanguageClient('prune', 'prune language server', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('prune.server')) {
        vscode.window.showInformationMessage('prune: reload the window to restart the language server with the new settings.');
      }
    }),
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
