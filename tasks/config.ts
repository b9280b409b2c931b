/**
 * `deno task config [overrides…]` — prints the composed, resolved config as YAML (Hydra's
 * `--cfg job`).
 *
 * @module
 */
import { configToYaml } from "../lib/config/mod.ts";
import { runTask, type TaskSpec } from "./_cli.ts";

const SPEC: TaskSpec = {
  name: "config",
  summary: "Compose configs/config.yaml with the overrides and print the resolved config as YAML.",
  flags: { choices: "also print the option chosen for each config group (as YAML comments)" },
};

/** Runs the task; returns the exit code (0 ok, 2 bad config or arguments). */
export async function main(args: string[]): Promise<number> {
  return await runTask(SPEC, args, ({ args: parsed, composed }) => {
    if (parsed.flags.choices) {
      const lines = Object.entries(composed.choices).map(([g, o]) => `# ${g}: ${o}`);
      console.log(lines.join("\n"));
    }
    console.log(configToYaml(composed.config).trimEnd());
    return 0;
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
