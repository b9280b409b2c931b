/**
 * Shared command-line plumbing for `tasks/`: `--help`, flags, overrides, composing the config
 * with the real environment and clock, and turning a ConfigError into a message and exit code 2.
 *
 * A task looks like:
 *
 * ```text
 * export async function main(args: string[]): Promise<number> {
 *   return await runTask(SPEC, args, ({ composed }) => { … return 0; });
 * }
 * if (import.meta.main) Deno.exit(await main(Deno.args));
 * ```
 *
 * @module
 */
import {
  composeConfig,
  type ComposedConfig,
  ConfigError,
  configGroupOptions,
} from "../lib/config/mod.ts";

/** What a task tells the CLI about itself. */
export interface TaskSpec {
  /** Task name as in `deno task <name>`. */
  readonly name: string;
  /** One line saying what the task does. */
  readonly summary: string;
  /** Flags the task accepts besides `--help`, name (without `--`) → description. */
  readonly flags?: Readonly<Record<string, string>>;
  /** Whether `key=value` overrides are accepted (default true). */
  readonly overrides?: boolean;
  /** More help text, printed after the flags. */
  readonly details?: string;
  /** Config folder (default `configs`). */
  readonly configDir?: string;
  /** Overrides applied before the user's (e.g. `+experiment=quickstart`); shown in `--help`. */
  readonly baseOverrides?: readonly string[];
}

/** Parsed command line: `--help`, flags (`--x` → true, `--x=v` → "v") and override tokens. */
export interface TaskArgs {
  readonly help: boolean;
  readonly flags: Readonly<Record<string, string | true>>;
  readonly overrides: readonly string[];
}

/** What the task body receives. */
export interface TaskContext {
  readonly args: TaskArgs;
  /** The composed config (env and clock read here, in `tasks/`). */
  readonly composed: ComposedConfig;
  /** The clock reading used for `${now:…}`: use it for run folders too. */
  readonly now: Date;
}

/** A command line that does not fit the task: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Splits `args` into help, known flags and overrides; unknown flags are a UsageError. */
export function parseTaskArgs(spec: TaskSpec, args: readonly string[]): TaskArgs {
  const flags: Record<string, string | true> = {};
  const overrides: string[] = [];
  let help = false;
  for (const arg of args) {
    if (arg === "--help" || arg === "-h") {
      help = true;
    } else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      if (!Object.hasOwn(spec.flags ?? {}, name)) {
        throw new UsageError(`Cannot run "${spec.name}": unknown flag "--${name}"`);
      }
      flags[name] = eq < 0 ? true : arg.slice(eq + 1);
    } else if (spec.overrides === false) {
      throw new UsageError(`Cannot run "${spec.name}": it takes no overrides, got "${arg}"`);
    } else {
      overrides.push(arg);
    }
  }
  return { help, flags, overrides };
}

/** The environment when `--allow-env` was granted, else an empty map. */
export function readEnv(): Record<string, string> {
  return Deno.permissions.querySync({ name: "env" }).state === "granted" ? Deno.env.toObject() : {};
}

/** Usage text: summary, flags, and every config group with its options (default marked `*`). */
export function helpText(spec: TaskSpec): string {
  const configDir = spec.configDir ?? "configs";
  const lines = [`deno task ${spec.name}${spec.overrides === false ? "" : " [overrides…]"}`, ""];
  lines.push(`  ${spec.summary}`, "", "Flags:", "  --help, -h   print this help");
  for (const [flag, text] of Object.entries(spec.flags ?? {})) lines.push(`  --${flag}   ${text}`);
  if (spec.details) lines.push("", spec.details);
  if (spec.baseOverrides?.length) {
    lines.push("", `Always applied first: ${spec.baseOverrides.join(" ")}`);
  }
  if (spec.overrides !== false) {
    let choices: Readonly<Record<string, string>> = {};
    try {
      choices = composeConfig({
        configDir,
        overrides: spec.baseOverrides ?? [],
        env: readEnv(),
        now: new Date(),
      }).choices;
    } catch {
      // Help still lists the groups when the defaults do not compose.
    }
    lines.push(
      "",
      "Overrides (Hydra syntax): key=value  +key=value (add)  ++key=value (add or set)",
      "  ~key (delete)  group=option (switch a config group)  e.g. training.learning_rate=3e-5",
      "",
      `Config groups (${configDir}/; * = default):`,
    );
    for (const { group, options } of configGroupOptions(configDir)) {
      const marked = options.map((o) => (choices[group] === o ? `${o}*` : o));
      lines.push(`  ${group.padEnd(14)} ${marked.join(", ")}`);
    }
  }
  return lines.join("\n");
}

/** The text printed for a ConfigError or UsageError. */
export function formatTaskError(error: ConfigError | UsageError): string {
  if (error instanceof UsageError) return `error: ${error.message}\n(see --help)`;
  const where = [
    error.keyPath === "" ? "" : `key: ${error.keyPath}`,
    error.file === undefined ? "" : `file: ${error.file}`,
  ].filter((s) => s !== "");
  return `error: ${error.message}${where.length > 0 ? `\n  (${where.join(", ")})` : ""}`;
}

/**
 * Parses `args`, prints help (exit 0) or composes the config and runs `body`. A ConfigError or
 * UsageError becomes a message on stderr and exit code 2; other errors propagate.
 */
export async function runTask(
  spec: TaskSpec,
  args: readonly string[],
  body: (context: TaskContext) => number | Promise<number>,
): Promise<number> {
  try {
    const parsed = parseTaskArgs(spec, args);
    if (parsed.help) {
      console.log(helpText(spec));
      return 0;
    }
    const now = new Date();
    const composed = composeConfig({
      configDir: spec.configDir ?? "configs",
      overrides: [...(spec.baseOverrides ?? []), ...parsed.overrides],
      env: readEnv(),
      now,
    });
    return await body({ args: parsed, composed, now });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      console.error(formatTaskError(error));
      return 2;
    }
    throw error;
  }
}
