// The pack as `pulumi policy publish` ships it: `npm pack` in policies/ (the CLI's nodejs policy
// packer), and as the service installs a published pack: the tarball unpacked into an empty folder
// and its dependencies installed there, no script run. Then started as the engine starts it and
// asked over gRPC. Nothing of the repository is reachable from that folder: the pack must stand alone.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackClient, type StackResource } from "../../tools/offline/packClient";

const POLICIES = path.join(__dirname, "../../policies");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

describe("the pack from its tarball (npm pack, installed into an empty folder)", function () {
  this.timeout(600_000);
  let out: string;
  let files: string[];
  let packDir: string;
  let pack: PackClient | undefined;
  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "policy-pack-"));
    const [packed] = JSON.parse(execFileSync(NPM, ["pack", "--json", "--pack-destination", out], { cwd: POLICIES, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = packed.files.map((f) => f.path);
    execFileSync("tar", ["-xzf", path.join(out, packed.filename), "-C", out]);
    packDir = path.join(out, "package");
    // Its runtime dependencies (the IAM evaluator among them) from the registry or npm's cache; no install script.
    execFileSync(NPM, ["install", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: packDir, stdio: "pipe" });
    pack = await PackClient.start(packDir);
  });
  after(async () => {
    await pack?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("ships the pack's sources, its PulumiPolicy.yaml and bootstrap, and nothing of the repository around it", () => {
    for (const file of ["package.json", "PulumiPolicy.yaml", "bootstrap.js", "index.ts", "s3/overlap.ts", "grants/judgements.ts", "timeline/index.ts"]) {
      assert.ok(files.includes(file), `${file} in ${files.join(", ")}`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith("..") || f.includes("node_modules/") || f.includes(".spec.")), []);
  });

  it("runs from its own node_modules: the runner and the IAM evaluator resolve inside the folder", () => {
    for (const dependency of ["@pulumi/pulumi/cmd/run-policy-pack", "@cloud-copilot/iam-simulate", "@pulumi/policy"]) {
      assert.ok(require.resolve(dependency, { paths: [packDir] }).startsWith(packDir + path.sep), dependency);
    }
  });

  it("describes itself over gRPC (GetAnalyzerInfo) with every policy", async () => {
    const info = await pack!.info();
    assert.equal(info.name, "s3-notification-policies");
    assert.equal(info.version, JSON.parse(fs.readFileSync(path.join(POLICIES, "package.json"), "utf8")).version);
    assert.equal(info.policies.length, 20);
    assert.ok(info.policies.every((p) => p.description.length > 0));
  });

  it("judges a resource over gRPC (Analyze): an unfiltered rule is a mandatory violation, a filtered one passes", async () => {
    await pack!.configure((await pack!.info()).policies);
    const notification = (filter: object): StackResource => ({
      urn: "urn:pulumi:dev::app::aws:s3/bucketNotification:BucketNotification::uploads",
      type: "aws:s3/bucketNotification:BucketNotification",
      name: "uploads",
      properties: { bucket: "acme-uploads", region: "us-east-1", queues: [{ id: "all", events: ["s3:ObjectCreated:*"], queueArn: "arn:aws:sqs:us-east-1:111122223333:ingest", ...filter }] },
    });
    const unfiltered = await pack!.analyze(notification({}));
    assert.deepEqual(
      unfiltered.map((d) => `${d.policy}:${d.level}`),
      ["s3-notification-filter-required:mandatory"],
    );
    assert.deepEqual(await pack!.analyze(notification({ filterPrefix: "incoming/", filterSuffix: ".csv" })), []);
  });
});
