import { strict as assert } from "assert";
import * as path from "path";
import type { FailurePathsReport } from "../../../tools/failurePaths/report";
import { failurePaths } from "../offline/cli";

const root = path.join(__dirname, "../../..");

const DAY = 86_400;

describe("npm run failure-paths", function () {
  this.timeout(120_000);

  for (const [stack, dlqRetention, lambdaAge] of [
    ["dev", 7 * DAY, 3_600],
    ["prod", 14 * DAY, 21_600],
  ] as const) {
    it(`keeps every event of the shipped ${stack} stack, on every path, with its timeline`, async () => {
      const { code, stdout, stderr } = await failurePaths("--stack", stack, "--json");
      assert.equal(code, 0, stderr);
      const report = JSON.parse(stdout) as FailurePathsReport;
      assert.deepEqual(report.summary, { paths: 5, kept: 5, unseen: 0, unknown: 0 });
      // The indexer, which EventBridge invokes asynchronously, has a Lambda path of its own after the target's.
      const indexer = report.paths.find((p) => p.kind === "lambda" && p.destination.includes("λ indexer"));
      assert.equal(indexer?.deadLetterQueue, "uploads-index-function-dlq");
      assert.equal(indexer?.timeline.reachesDeadLetterWithinSeconds, 21_600 + 30, "Lambda's defaults: 6 h, plus a running attempt");
      const byKind = Object.fromEntries(report.paths.filter((p) => p !== indexer).map((p) => [p.kind, p]));
      assert.deepEqual(Object.keys(byKind).sort(), ["eventbridge", "lambda", "sns", "sqs"]);
      for (const p of report.paths) {
        assert.equal(p.bucket, "uploads");
        assert.equal(p.timeline.alarm?.firesWithinSeconds, 960, p.destination);
        assert.deepEqual(p.timeline.findings, [], p.destination);
      }
      // A standard queue: up to 1 h 16 min unreceived (until the oldest-message alarm fires), then 5
      // receives 6 min apart; the DLQ counts its retention from the original enqueue time.
      assert.equal(byKind.sqs.timeline.reachesDeadLetterWithinSeconds, 4_560 + 5 * 360);
      assert.equal(byKind.sqs.timeline.keptInDeadLetterSeconds, dlqRetention - 6_360);
      assert.equal(byKind.sqs.deadLetterQueue, "uploads-ingest-dlq");
      assert.deepEqual(byKind.sqs.rules, ["ingest-csv"]);
      assert.deepEqual(byKind.sqs.stalled, { alarm: "uploads-ingest-oldest", firesAtAgeSeconds: 4_560, expiresAtSeconds: 4 * DAY });
      // Lambda sends a new record at the maximum event age (plus a running attempt): retention counts from there.
      assert.equal(byKind.lambda.timeline.reachesDeadLetterWithinSeconds, lambdaAge + 30);
      assert.equal(byKind.lambda.timeline.keptInDeadLetterSeconds, dlqRetention);
      assert.equal(byKind.sns.timeline.reachesDeadLetterWithinSeconds, 23 * DAY);
      assert.equal(byKind.eventbridge.timeline.reachesDeadLetterWithinSeconds, DAY);
    });
  }

  it("prints a report a person reads: each path's timeline and verdict", async () => {
    const { code, stdout } = await failurePaths();
    assert.equal(code, 0);
    assert.match(stdout, /^Failure paths of s3-events\/dev \(the offline preview's graph; an operator acts within 259200 s = 3 d of an alarm\)\n/);
    assert.match(
      stdout,
      /\nuploads → ingest-csv → queue uploads-ingest\n  retries        5 receives, 360 s = 6 min apart \(visibility timeout\) by ingester\n  dead letter    reaches uploads-ingest-dlq within 6360 s = 1\.8 h at worst \(unreceived up to 4560 s = 1\.3 h, then every receive fails\); kept there 598440 s = 6\.9 d after it arrives\n/,
    );
    assert.match(stdout, /\n  verdict        KEPT\n/);
    assert.match(stdout, /\nSummary: 5 failure paths: 5 kept, 0 can expire unseen, 0 unknown; every event is kept\.\n$/);
  });

  it("exits 1 on a program whose dead-letter queue forgets what its source would have, naming why", async () => {
    const { code, stdout } = await failurePaths("--program", path.join(root, "tests/fixtures/programs/lossy"));
    assert.equal(code, 1);
    assert.match(stdout, /\nlossy-uploads → csv → queue lossy-jobs\n/);
    assert.match(stdout, /verdict {8}CAN EXPIRE UNSEEN: no alarm on lossy-jobs-dlq: nobody is told an event arrived/);
    assert.match(stdout, /\[dlq-outlives-source\] the dead-letter queue's retention \(345600 s = 4 d\) must be longer than the source queue's/);
    assert.match(stdout, /Summary: 1 failure paths: 0 kept, 1 can expire unseen, 0 unknown; FAILED\.\n$/);
  });

  it("with a longer response window, says which paths no longer leave the operator enough time", async () => {
    const { code, stdout } = await failurePaths("--response-window", String(7 * DAY), "--json");
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as FailurePathsReport;
    assert.equal(report.summary.unseen, 5);
    assert.match(report.paths[0].timeline.reasons.join("\n"), /keeps the event only .* after .* fires; an operator needs 604800 s = 7 d/);
  });

  it("exits 2 when the program fails, never reporting a pass", async () => {
    const { code, stderr } = await failurePaths("--program", path.join(root, "tests/fixtures/programs/throws"));
    assert.equal(code, 2);
    assert.match(stderr, /^error: /);
  });
});
