import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { programFrom } from "../../../tools/offline/programOptions";
import { StackFileError } from "../../../tools/offline/stackFiles";
import { fixtures, root } from "./cli";

describe("the program options every tool takes (--stack, --program, --config-file)", () => {
  it("default to this project's dev stack", () => {
    const { program, files } = programFrom({});
    assert.equal(program, root);
    assert.equal(files.stack, "dev");
    assert.equal(files.config["aws:region"], "us-east-1");
  });

  it("take --program and --config-file relative to where the user typed them, the config file replacing the stack's", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "program-options-"));
    fs.writeFileSync(path.join(dir, "other.yaml"), "config:\n  aws:region: eu-west-3\n");
    const { program, files } = programFrom({ program: path.relative(dir, path.join(fixtures, "programs/lossy")), stack: "qa", "config-file": "other.yaml" }, dir);
    assert.equal(program, path.join(fixtures, "programs/lossy"));
    assert.deepEqual(files, { project: "lossy-notifications", stack: "qa", config: { "aws:region": "eu-west-3" } });
  });

  it("name the missing stack file", () => {
    assert.throws(() => programFrom({ stack: "nope" }), (e: unknown) => e instanceof StackFileError && e.message === `${path.join(root, "Pulumi.nope.yaml")} does not exist`);
  });
});
