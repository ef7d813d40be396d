/**
 * The policy pack, started once for the whole mocha run the way the engine starts it, and shared
 * by every spec that talks to it over gRPC: each configures it for itself before its tests (a
 * Configure replaces the whole config, as the engine's does), and it stops after the last spec.
 */
import * as path from "path";
import { PackClient } from "../../tools/offline/packClient";

export const POLICIES = path.join(__dirname, "../../policies");

const started = new Map<string, Promise<PackClient>>();

/** The pack in `packDir` (default: ours), started on first use. */
export function sharedPack(packDir: string = POLICIES): Promise<PackClient> {
  const dir = path.resolve(packDir);
  let pack = started.get(dir);
  if (!pack) {
    pack = PackClient.start(dir);
    started.set(dir, pack);
    // A pack that failed to start is not kept: the next spec gets the error again, not a stale one.
    pack.catch(() => started.delete(dir));
  }
  return pack;
}

// Imported by spec files while mocha loads them, so this is a root-level hook of the file that
// loads it first. A serial run is one mocha run: the hook runs once, after every spec. In a parallel
// run each spec file is a mocha run of its own inside a long-lived worker, so the hook would stop
// the pack after that one file and the next spec would start another (a second or more of CPU
// each): there the pack lives as long as the worker, and PackClient stops it when the worker exits.
if (process.env.MOCHA_WORKER_ID === undefined) {
  after(async () => {
    const packs = [...started.values()];
    started.clear();
    await Promise.all(packs.map(async (p) => (await p.catch(() => undefined))?.close()));
  });
}
