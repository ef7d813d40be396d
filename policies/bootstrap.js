// The engine starts a TypeScript pack through ts-node with type-checking forced on, which costs
// seconds on every preview. Type-checking is `npm run typecheck`'s job, so load our .ts files with
// a plain transpile instead. Installed before any .ts file is required; replaces, not wraps, the
// type-checking loader.
//
// Transpiling the pack's sources costs more than everything else it loads (about 1.5 s of a 2.5 s
// start, measured), and the engine starts the pack on every preview: so each transpiled file is
// kept in node_modules/.cache, addressed by a hash of its source, the TypeScript version and the
// options, and a later start reads it back. A cache that cannot be written only costs time.
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
const cacheDir = path.join(path.dirname(path.dirname(require.resolve("typescript/package.json"))), ".cache", "s3-notification-policies");
const salt = `${ts.version}\n${JSON.stringify(compilerOptions)}\n`;

function transpile(source, filename) {
  const key = crypto.createHash("sha256").update(salt).update(source).digest("hex");
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, "utf8");
  } catch {
    // Not cached yet.
  }
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Written whole, then renamed: a concurrent start never reads half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, outputText);
    fs.renameSync(partial, cached);
  } catch {
    // A read-only install: transpile again next time.
  }
  return outputText;
}

require.extensions[".ts"] = (module, filename) => {
  module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
};

module.exports = require("./index.ts");
