// The engine starts a TypeScript pack through ts-node with type-checking forced on, which costs
// seconds on every preview. Type-checking is `npm run typecheck`'s job, so load our .ts files with
// a plain transpile instead. Installed before any .ts file is required; replaces, not wraps, the
// type-checking loader.
const fs = require("fs");
const ts = require("typescript");

require.extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  });
  module._compile(outputText, filename);
};

module.exports = require("./index.ts");
