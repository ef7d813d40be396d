import { strict as assert } from "assert";
import * as path from "path";
import { runProgram } from "../../../tools/offline/runProgram";
import { readStackFiles } from "../../../tools/offline/stackFiles";
import { fixtures } from "./cli";

describe("running a program folder", () => {
  const program = path.join(fixtures, "programs/modules");
  const files = readStackFiles(program, "dev");
  const queues = (run: Awaited<ReturnType<typeof runProgram>>) => run.resources.filter((r) => r.type === "aws:sqs/queue:Queue").map((r) => r.name);

  it("loads every module of the program afresh on each run, however deep, so a second run registers it all again", async () => {
    const first = await runProgram(program, files, { mode: "preview" });
    const second = await runProgram(program, files, { mode: "update" });
    assert.deepEqual(queues(first), ["jobs"]);
    assert.deepEqual(queues(second), ["jobs"]);
    assert.equal(second.exports.queueName, "jobs-0a1b2c3", "the update's own queue, not the first run's");
  });

  it("loads again, after a run whose program threw, the modules that run had loaded", async () => {
    process.env.MODULES_FIXTURE_FAILS = "1";
    try {
      await assert.rejects(runProgram(program, files, { mode: "update" }), /the program failed after loading its modules/);
    } finally {
      delete process.env.MODULES_FIXTURE_FAILS;
    }
    assert.deepEqual(queues(await runProgram(program, files, { mode: "update" })), ["jobs"]);
  });

  it("leaves loaded, with its state, a module of the same folder that the program never requires", async () => {
    const bystanderPath = path.join(program, "bystander.ts");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bystander = require(bystanderPath) as { state: { runs: number } };
    bystander.state.runs += 1;
    await runProgram(program, files, { mode: "update" });
    await runProgram(program, files, { mode: "update" });
    assert.equal(require.cache[require.resolve(bystanderPath)]?.exports, bystander);
    assert.equal(bystander.state.runs, 1);
  });
});
