// Every tool follows an S3 event past an EventBridge target that is a queue or a topic, not only a
// function: the target's own dead-letter queue, then the queue's redrive or each subscription's.
import { strict as assert } from "assert";
import * as path from "path";
import { explain } from "../../tools/explain/routes";
import { graphOf } from "../../tools/failurePaths/graph";
import { failurePathsReport } from "../../tools/failurePaths/report";
import { mermaidDiagram } from "../../tools/offline/diagram";
import { runProgram, type ProgramRun } from "../../tools/offline/runProgram";
import { readStackFiles } from "../../tools/offline/stackFiles";

const program = path.join(__dirname, "../fixtures/programs/eventBridgeTargets");

describe("EventBridge rules targeting a queue and a topic (tests/fixtures/programs/eventBridgeTargets)", function () {
  this.timeout(120_000);
  let run: ProgramRun;
  before(async () => {
    run = await runProgram(program, readStackFiles(program, "dev"), { mode: "update" });
  });

  it("failure-paths: each target's retries into its DLQ, then the queue's redrive and the subscription's, each judged", () => {
    const report = failurePathsReport(run.project, run.stack, graphOf(run.resources), 3 * 86_400);
    assert.deepEqual(
      report.paths.map((p) => [p.kind, p.destination, p.deadLetterQueue, p.timeline.verdict]),
      [
        ["eventbridge", "EventBridge rule media-jobs-videos → target media-jobs-videos", "media-jobs-dlq", "kept"],
        ["sqs", "EventBridge rule media-jobs-videos → target media-jobs-videos → queue jobs", "jobs-dlq", "kept"],
        ["eventbridge", "EventBridge rule media-feed-posters → target media-feed-posters", "media-feed-dlq", "kept"],
        ["sns", "EventBridge rule media-feed-posters → target media-feed-posters → topic feed → subscription reader", "reader-dlq", "kept"],
      ],
    );
    const queue = report.paths[1];
    assert.deepEqual(queue.rules, []);
    assert.deepEqual(queue.stalled, { alarm: "jobs-oldest", firesAtAgeSeconds: 4_560, expiresAtSeconds: 4 * 86_400 });
  });

  it("explain: a matching rule's target, then where the target itself dead-letters", () => {
    const [bucket] = explain(run.resources, "videos/a.mp4", "s3:ObjectCreated:Put").buckets;
    const jobs = bucket.eventBridge?.find((e) => e.whyNot === undefined);
    assert.equal(jobs?.rule, "media-jobs-videos");
    assert.deepEqual(jobs?.targets, [
      {
        target: "aws:sqs/queue:Queue jobs",
        deadLetters: [
          { queue: "media-jobs-dlq", when: "after the target's retries" },
          { queue: "jobs-dlq", when: "in jobs, after 5 receives" },
        ],
      },
    ]);
    const [posters] = explain(run.resources, "posters/a.png", "s3:ObjectCreated:Put").buckets[0].eventBridge!.filter((e) => e.whyNot === undefined);
    assert.deepEqual(posters.targets[0].deadLetters, [
      { queue: "media-feed-dlq", when: "after the target's retries" },
      { queue: "reader-dlq", when: "in feed, when undeliverable to subscription reader" },
    ]);
  });

  it("diagram: rule → queue and rule → topic, then the queue's and the subscription's dead-letter edges", () => {
    const mermaid = mermaidDiagram(run.resources);
    const id = (label: string) => {
      const m = new RegExp(`^  (n\\d+)\\S*"${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`, "m").exec(mermaid);
      assert.ok(m, `${label} is drawn:\n${mermaid}`);
      return m[1];
    };
    for (const edge of [
      `${id("rule media-jobs-videos")} -->|"target"| ${id("queue jobs")}`,
      `${id("rule media-jobs-videos")} -.->|"after retries"| ${id("DLQ media-jobs-dlq")}`,
      `${id("queue jobs")} -.->|"after 5 receives"| ${id("DLQ jobs-dlq")}`,
      `${id("rule media-feed-posters")} -->|"target"| ${id("topic feed")}`,
      `${id("topic feed")} -->|"sqs"| ${id("queue reader")}`,
      `${id("topic feed")} -.->|"undeliverable to reader"| ${id("DLQ reader-dlq")}`,
    ]) {
      assert.ok(mermaid.includes(`  ${edge}\n`), `${edge} in\n${mermaid}`);
    }
  });
});
