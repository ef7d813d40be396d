// The README's component example is a complete program: run it, as written, under mocks.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { mockEngine } from "./support/harness";

const ROOT = path.join(__dirname, "..");

/** The first TypeScript block of a README section. */
function example(section: string): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const at = readme.indexOf(`\n## ${section}\n`);
  assert.ok(at >= 0, `README has a section ${section}`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block, `section ${section} has a TypeScript example`);
  return block[1];
}

describe("README", () => {
  it("Using the components: the example runs and builds the whole pipeline", async function () {
    this.timeout(60_000);
    const engine = await mockEngine();
    const source = example("Using the components");
    assert.match(source, /from "\.\/components";/);
    // Written beside the repo's root (in the ignored .tmp/), so `./components` resolves one level up.
    const dir = path.join(ROOT, ".tmp");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "readme-example.ts");
    fs.writeFileSync(file, source.replace('from "./components";', 'from "../components";'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
    await engine.settle();
    const [notification, ...others] = engine.ofType("aws:s3/bucketNotification:BucketNotification");
    assert.equal(notification.name, "uploads");
    assert.deepEqual(others, []);
    const ids = (key: string) => ((notification.inputs[key] ?? []) as { id: string }[]).map((c) => c.id);
    assert.deepEqual([ids("lambdaFunctions"), ids("queues"), ids("topics")], [["jpg"], ["csv"], ["deletes"]]);
    assert.equal(notification.inputs.eventbridge, true);
    assert.deepEqual(
      engine.resources.filter((r) => r.type.startsWith("s3-events:index:") && r.type.endsWith("Destination")).map((r) => r.name).sort(),
      ["uploads-audit", "uploads-index", "uploads-ingest", "uploads-thumbnails"],
    );
    assert.ok(engine.ofType("aws:sqs/queue:Queue").filter((q) => q.name.endsWith("-dlq")).every((q) => q.protect === true));
  });
});
