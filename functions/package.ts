import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const FILES = ["s3Event.ts", "handlers.ts"];

/** The function code as a Lambda archive: each TypeScript file transpiled to CommonJS. */
export function functionArchive(): pulumi.asset.AssetArchive {
  const assets: Record<string, pulumi.asset.Asset> = {};
  for (const file of FILES) {
    const source = fs.readFileSync(path.join(__dirname, file), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    assets[file.replace(/\.ts$/, ".js")] = new pulumi.asset.StringAsset(outputText);
  }
  return new pulumi.asset.AssetArchive(assets);
}
