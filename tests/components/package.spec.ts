// The components as a package: packed as `npm pack` publishes them, installed into a program
// outside the repository, and run there under Pulumi mocks with nothing but the tarball's files.
import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "../..");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** Pulumi mocks for a program run with plain `node`: every registration is recorded in `created`. */
const MOCKS = `
const pulumi = require("@pulumi/pulumi");
const created = [];
pulumi.runtime.setMocks({
  newResource: (a) => {
    created.push(a.type + " " + a.name);
    const arn = "arn:aws:sqs:us-east-1:123456789012:" + a.name;
    return { id: a.name + "-id", state: { ...a.inputs, arn, name: a.name, url: "https://sqs.us-east-1.amazonaws.com/123456789012/" + a.name } };
  },
  call: (a) => (a.token.includes("getCallerIdentity") ? { accountId: "123456789012" } : { partition: "aws" }),
}, "consumer", "test", false);
pulumi.runtime.setConfig("aws:region", "us-east-1");
setTimeout(() => console.log(JSON.stringify(created.sort())), 2000);
`;

/** A program using the installed package under mocks: prints the resources it registered, or the error. */
const PROGRAM = `${MOCKS}
const { BucketNotifications, sqs } = require("s3-events");
const filter = process.argv[2] === "bad" ? undefined : { suffix: ".csv" };
try {
  new BucketNotifications("n", {
    buckets: { b: { bucketName: "acme" } },
    destinations: { q: sqs() },
    rules: [{ id: "csv", bucket: "b", destination: "q", events: ["s3:ObjectCreated:*"], filter }],
  });
} catch (err) {
  console.log("ERROR " + err.message);
}
`;

describe("the components package (npm pack, installed outside the repository)", function () {
  this.timeout(600_000);
  let dir: string;
  let out: string;
  let files: string[];
  before(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "s3-events-pack-"));
    const packed = JSON.parse(
      execFileSync(NPM, ["pack", "-w", "s3-events", "--json", "--pack-destination", out], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    ) as { filename: string; files: { path: string }[] }[];
    files = packed[0].files.map((f) => f.path);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "s3-events-consumer-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    // No install script may be needed: the package works with every script ignored.
    execFileSync(NPM, ["install", path.join(out, packed[0].filename), "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: dir,
      stdio: "pipe",
    });
    fs.writeFileSync(path.join(dir, "main.js"), PROGRAM);
  });
  after(() => {
    for (const d of [dir, out]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it("ships compiled JavaScript, type declarations and PulumiPlugin.yaml, no TypeScript sources, and leaves no build behind", () => {
    for (const file of ["package.json", "PulumiPlugin.yaml", "index.js", "bin/components/index.js", "bin/components/index.d.ts", "bin/policies/s3/overlap.js"]) {
      assert.ok(files.includes(file), `${file} in ${files.join(", ")}`);
    }
    assert.deepEqual(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), []);
    assert.ok(!fs.existsSync(path.join(ROOT, "components/bin")), "postpack removes the build");
  });

  it("registers the component and its destination's resources in a program outside the repository", () => {
    const run = spawnSync(process.execPath, ["main.js"], { cwd: dir, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [
      "aws:cloudwatch/metricAlarm:MetricAlarm n-q-dlq-visible",
      "aws:cloudwatch/metricAlarm:MetricAlarm n-q-oldest",
      "aws:s3/bucketNotification:BucketNotification n-b",
      "aws:sqs/queue:Queue n-q",
      "aws:sqs/queue:Queue n-q-dlq",
      "aws:sqs/queuePolicy:QueuePolicy n-q-policy",
      "s3-events:index:BucketNotifications n",
      "s3-events:index:SqsDestination n-q",
    ]);
  });

  it("checks the rules there with the pack's S3 rules, before anything registers", () => {
    const run = spawnSync(process.execPath, ["main.js", "bad"], { cwd: dir, encoding: "utf8" });
    assert.match(run.stdout, /^ERROR BucketNotifications `n` has 1 problem:\n  - bucket `b`, rule `csv`, `rules\[0\]\.filter`: has no prefix or suffix/);
    assert.match(run.stdout, /\n\["s3-events:index:BucketNotifications n"\]\n$/);
  });

  it("registers nothing on import", () => {
    const run = spawnSync(process.execPath, ["-e", 'require("s3-events"); console.log("loaded")'], { cwd: dir, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, "loaded\n");
  });

  /** The README's TypeScript example for programs outside this repository. */
  const readmeExample = () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("\n## Use the components in your own program\n"));
    return /```ts\n([\s\S]*?)```/.exec(section)![1];
  };

  /**
   * Type-checks each source as a file of one strict program in the consumer folder (one program:
   * @pulumi/aws's declarations are read once): `s3-events` resolves to the installed tarball's
   * declarations, @pulumi/aws and @pulumi/pulumi to what it installed with them.
   */
  const typeErrors = (sources: Record<string, string>): Record<string, string[]> => {
    const files = Object.fromEntries(Object.entries(sources).map(([name, source]) => {
      const file = path.join(dir, `${name}.ts`);
      fs.writeFileSync(file, source);
      return [name, file];
    }));
    const program = ts.createProgram(Object.values(files), {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      // Node's own types only: the consumer folder has no @types.
      typeRoots: [path.join(ROOT, "node_modules/@types")],
      types: ["node"],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    return Object.fromEntries(
      Object.entries(files).map(([name, file]) => [
        name,
        diagnostics
          .filter((d) => d.file === undefined || d.file.fileName === file)
          .map((d) => `${d.file && d.start !== undefined ? `line ${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`),
      ]),
    );
  };

  it("type-checks the README's TypeScript example against the tarball's declarations, strictly", () => {
    const example = readmeExample();
    // The check has teeth: a misspelt field and a wrong type are caught, against the package's types.
    const misspelt = example.replace("maxReceiveCount: 5", "maxRecieveCount: 5");
    const mistyped = example.replace("maxReceiveCount: 5", 'maxReceiveCount: "5"');
    assert.ok(misspelt !== example && mistyped !== example);
    const errors = typeErrors({ readme: example, misspelt, mistyped });
    assert.deepEqual(errors.readme, []);
    assert.match(errors.misspelt.join("\n"), /'maxRecieveCount' does not exist in type 'SqsDestination'/);
    assert.match(errors.mistyped.join("\n"), /Type 'string' is not assignable to type 'number'/);
  });

  it("runs the README's TypeScript example, compiled, as a program outside the repository", () => {
    const example = readmeExample();
    assert.match(example, /from "s3-events";/);
    const js = ts.transpileModule(example, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.writeFileSync(path.join(dir, "readme.js"), `${MOCKS}\n${js}`);
    const run = spawnSync(process.execPath, ["readme.js"], { cwd: dir, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const created = JSON.parse(run.stdout.trim().split("\n").pop()!) as string[];
    for (const r of ["s3-events:index:BucketNotifications uploads", "s3-events:index:SqsDestination uploads-ingest", "aws:sqs/queue:Queue uploads-ingest-dlq", "aws:s3/bucketNotification:BucketNotification uploads"]) {
      assert.ok(created.includes(r), `${r} in ${created.join(", ")}`);
    }
  });
});
