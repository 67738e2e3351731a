// The client half of GradScript's editor support: VS Code starts `gradscript lsp` and speaks the
// Language Server Protocol with it over stdio. Everything the language knows (errors, names,
// their colours as semantic tokens, formatting) is the server's; this file only starts it.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('gradscript').get('server.path') || 'gradscript';
  const serverOptions = { command, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'gradscript' },
      { scheme: 'untitled', language: 'gradscript' },
    ],
  };
  client = new LanguageClient('gradscript', 'GradScript', serverOptions, clientOptions);
  context.subscriptions.push(client);
  client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `GradScript: could not start '${command} lsp' (${error.message}). Install gradscript, or set gradscript.server.path.`);
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
