import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PolicySummary } from "../../../tools/offline/packClient";
import { PolicyConfigError, readPolicyConfig } from "../../../tools/offline/policyConfig";

const POLICIES: PolicySummary[] = [
  { name: "dlq-retention", description: "d", level: "mandatory", configSchema: { responseWindowSeconds: { type: "integer", minimum: 0 } } },
  { name: "no-overlap", description: "o", level: "mandatory", configSchema: undefined },
];

describe("--policy-pack-config, checked as the engine checks it", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-config-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (text: string) => {
    const f = path.join(dir, `c${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(f, text);
    return f;
  };
  const read = (config: unknown) => readPolicyConfig(file(JSON.stringify(config)), POLICIES);
  const refuses = (config: unknown, message: string) => {
    const f = file(typeof config === "string" ? config : JSON.stringify(config));
    assert.throws(
      () => readPolicyConfig(f, POLICIES),
      (err: unknown) => err instanceof PolicyConfigError && err.message === `${f}${message}`,
    );
  };

  it("accepts levels, `all`, and properties the policy's schema allows, as they are", () => {
    const config = { all: "advisory", "no-overlap": "disabled", "dlq-retention": { enforcementLevel: "mandatory", responseWindowSeconds: 86_400 } };
    assert.deepEqual(read(config), config);
    for (const level of ["advisory", "mandatory", "disabled", "remediate"]) assert.deepEqual(read({ "no-overlap": level }), { "no-overlap": level });
    assert.deepEqual(read({ "no-overlap": { enforcementLevel: "advisory" } }), { "no-overlap": { enforcementLevel: "advisory" } });
    assert.deepEqual(read({ "dlq-retention": { responseWindowSeconds: 0 } }), { "dlq-retention": { responseWindowSeconds: 0 } });
    assert.deepEqual(read({}), {});
  });

  it("refuses a file that is not JSON, or not an object keyed by policy name", () => {
    const f = file("{ nope");
    assert.throws(() => readPolicyConfig(f, POLICIES), (err: unknown) => err instanceof PolicyConfigError && err.message.startsWith(`${f}: `) && /JSON/.test(err.message));
    refuses([], " must hold a JSON object keyed by policy name");
    refuses("null", " must hold a JSON object keyed by policy name");
    refuses('"mandatory"', " must hold a JSON object keyed by policy name");
    assert.throws(() => readPolicyConfig(path.join(dir, "missing.json"), POLICIES), PolicyConfigError);
  });

  it("refuses a policy the pack does not have, naming the ones it has", () => {
    refuses({ "dlq-retentoin": "advisory" }, ": `dlq-retentoin` is not a policy of this pack (known: dlq-retention, no-overlap)");
  });

  it("refuses an entry that is neither a level nor an object", () => {
    for (const [entry, text] of [[null, "null"], [5, "5"], [["mandatory"], '["mandatory"]']] as const) {
      refuses({ "no-overlap": entry }, `: no-overlap: \`${text}\` is neither an enforcement level nor an object of properties`);
    }
  });

  it("refuses a level that does not exist, given alone or with properties", () => {
    refuses({ "no-overlap": "loud" }, ": no-overlap: `loud` is not an enforcement level (advisory, mandatory, disabled, remediate)");
    refuses({ all: { enforcementLevel: 3 } }, ": all: `3` is not an enforcement level (advisory, mandatory, disabled, remediate)");
  });

  it("refuses properties the schema does not allow, with every error", () => {
    refuses({ "dlq-retention": { responseWindowSeconds: -1 } }, ": dlq-retention: /responseWindowSeconds must be >= 0");
    refuses({ "no-overlap": { strict: true } }, ": no-overlap: / must NOT have additional properties");
    refuses(
      { "dlq-retention": { responseWindowSeconds: "3d", extra: 1 } },
      ": dlq-retention: / must NOT have additional properties; /responseWindowSeconds must be integer",
    );
  });
});
