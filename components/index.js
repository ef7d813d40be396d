// The package's entry, side-effect free: the compiled package once built (`npm pack` builds it on
// prepack), the TypeScript sources in this repository (loaded through ts-node, as the Pulumi
// component host and our program do). `bin/` is removed again after packing, so it never goes stale.
const fs = require("fs");
const path = require("path");

const built = path.join(__dirname, "bin", "components", "index.js");
module.exports = require(fs.existsSync(built) ? built : "./index.ts");
