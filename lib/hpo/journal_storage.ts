/**
 * A study storage in the format of Optuna's `JournalStorage` with its file backend: an
 * append-only file of JSON lines, one storage operation each, replayed to rebuild the state.
 * Python Optuna (3.1+) and optuna-dashboard open our files and we open theirs; a crashed study
 * resumes by replaying the file; several processes share one file through Optuna's lock.
 *
 * @module
 */
import { decodeRecord } from "./_journal_decode.ts";
import { encodeOp } from "./_journal_codec.ts";
import { JournalFile } from "./_journal_file.ts";
import { parseJsonLine, toJsonText } from "./_journal_json.ts";
import { JournalFileLock, type JournalLockKind } from "./_journal_lock.ts";
import type { StorageOp } from "./_storage_ops.ts";
import { type OpVerdict, StorageModel } from "./_storage_model.ts";
import { StorageCore } from "./_storage_core.ts";
import { StudyStorageError } from "./errors.ts";
import type { StudyStorage, StudySummary, TrialTemplate } from "./storage.ts";
import type {
  Distribution,
  FrozenTrial,
  JsonValue,
  ParamValue,
  StudyDirection,
  TrialState,
} from "./types.ts";

/** Options of {@link JournalFileStorage}. */
export interface JournalFileStorageOptions {
  /** Source of trial timestamps (default: the system clock). */
  readonly clock?: () => Date;
  /** `worker_id` written on every record (default: a random UUID + `-0`, like Optuna's). */
  readonly workerId?: string;
  /** `"symlink"` (Optuna's default, optuna-dashboard's) or `"open"` (`O_EXCL` lock file). */
  readonly lock?: "symlink" | "open";
  /** A lock whose target has not changed for this long is stale (default 30 000 ms). */
  readonly lockGracePeriodMs?: number;
}

/** Op codes whose records create ids: skipping one would renumber every later study or trial. */
const ID_CREATING_OPS: readonly JsonValue[] = [0, 4];

/** The op of one complete journal line, or `null` for a record to skip; throws on corruption. */
function decodeLine(path: string, lineNumber: number, line: string): StorageOp | null {
  const where = `Cannot read journal "${path}": line ${lineNumber}`;
  let record: JsonValue;
  try {
    record = parseJsonLine(line);
  } catch (cause) {
    throw new StudyStorageError(`${where} is not valid JSON: ${line.slice(0, 80)}`, { cause });
  }
  const op = decodeRecord(record);
  const code = typeof record === "object" && record !== null && !Array.isArray(record)
    ? (record as Readonly<Record<string, JsonValue>>).op_code
    : undefined;
  if (op === null && (code === undefined || ID_CREATING_OPS.includes(code))) {
    throw new StudyStorageError(`${where} is not a valid op_code ${code}: ${line.slice(0, 80)}`);
  }
  return op;
}

/**
 * Replays complete lines (the first is line `firstLine`, 1-based). Records that are well formed
 * but invalid now (another worker's update of a finished trial, …) and unknown op codes are
 * skipped, as Optuna does; a line that is not JSON, or a malformed study/trial creation, throws.
 */
function replayLines(
  model: StorageModel,
  lines: readonly string[],
  path: string,
  firstLine: number,
): void {
  const ops = lines.map((line, i) => decodeLine(path, firstLine + i, line));
  for (const op of ops) if (op !== null) model.replay(op);
}

/** Reads and replays the lines appended since the last read. */
function replayNew(model: StorageModel, file: JournalFile, truncateTail = false): void {
  const firstLine = file.linesRead + 1;
  replayLines(model, file.readNewLines(truncateTail), file.path, firstLine);
}

/**
 * Studies in an Optuna-format journal file. Every write takes the file lock, replays what other
 * processes appended, checks the operation against that state, appends one line, syncs it to
 * disk and releases the lock — so trial numbers stay unique across processes. Reads replay new
 * complete lines first.
 *
 * @example
 * ```ts
 * import { JournalFileStorage } from "./journal_storage.ts";
 * import { deepEqual as assertEquals } from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const storage = new JournalFileStorage(`${dir}/study.log`);
 * const studyId = storage.createStudy("demo", "minimize");
 * storage.setTrialState(storage.createTrial(studyId).trialId, "COMPLETE", 0.25);
 * const reopened = new JournalFileStorage(`${dir}/study.log`);
 * assertEquals(reopened.getAllTrials(studyId)[0].value, 0.25);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class JournalFileStorage implements StudyStorage {
  /** The journal file's path. */
  readonly path: string;
  readonly #core: StorageCore;

  /** Opens (creating if needed) the journal at `path` and replays it. */
  constructor(path: string, options: JournalFileStorageOptions = {}) {
    this.path = path;
    const file = new JournalFile(path);
    const lockKind: JournalLockKind = options.lock ?? "symlink";
    const lock = new JournalFileLock(path, lockKind, options.lockGracePeriodMs ?? 30_000);
    const workerId = options.workerId ?? `${crypto.randomUUID()}-0`;
    const model = new StorageModel();
    // A corrupt line leaves the model behind the file for good: every later call throws too.
    let broken: StudyStorageError | null = null;
    const sync = (truncateTail = false): void => {
      if (broken !== null) throw broken;
      try {
        replayNew(model, file, truncateTail);
      } catch (error) {
        if (error instanceof StudyStorageError) broken = error;
        throw error;
      }
    };
    sync();
    const backend = {
      synced: (): StorageModel => {
        sync();
        return model;
      },
      current: (): StorageModel => model,
      commit: (op: StorageOp): OpVerdict => {
        lock.acquire();
        try {
          sync(true);
          const verdict = model.check(op);
          if (verdict.kind !== "valid") return verdict;
          file.append(toJsonText(encodeOp(op, workerId)));
          return model.replay(op);
        } finally {
          lock.release();
        }
      },
    };
    this.#core = new StorageCore(backend, options.clock ?? (() => new Date()));
  }

  /** Creates a study and returns its id; throws if the name is taken. */
  createStudy(studyName: string, direction: StudyDirection): number {
    return this.#core.createStudy(studyName, direction);
  }
  /** Removes a study (its trials keep their ids). */
  deleteStudy(studyId: number): void {
    this.#core.deleteStudy(studyId);
  }
  /** The id of the study with that name, or `null`. */
  getStudyIdFromName(studyName: string): number | null {
    return this.#core.getStudyIdFromName(studyName);
  }
  /** One study; throws if it does not exist. */
  getStudy(studyId: number): StudySummary {
    return this.#core.getStudy(studyId);
  }
  /** All studies, by id. */
  getAllStudies(): readonly StudySummary[] {
    return this.#core.getAllStudies();
  }
  /** Sets one user attribute of a study. */
  setStudyUserAttr(studyId: number, key: string, value: JsonValue): void {
    this.#core.setStudyUserAttr(studyId, key, value);
  }
  /** Sets one system attribute of a study. */
  setStudySystemAttr(studyId: number, key: string, value: JsonValue): void {
    this.#core.setStudySystemAttr(studyId, key, value);
  }
  /** Creates a trial with the next number (RUNNING unless a template says otherwise). */
  createTrial(studyId: number, template?: TrialTemplate): FrozenTrial {
    return this.#core.createTrial(studyId, template);
  }
  /** Records a parameter value (external form) drawn from `distribution`. */
  setTrialParam(
    trialId: number,
    name: string,
    value: ParamValue,
    distribution: Distribution,
  ): void {
    this.#core.setTrialParam(trialId, name, value, distribution);
  }
  /** Moves a trial to `state`; `false` when a RUNNING claim on a non-WAITING trial lost. */
  setTrialState(trialId: number, state: TrialState, value: number | null): boolean {
    return this.#core.setTrialState(trialId, state, value);
  }
  /** Records an intermediate value at `step`. */
  setTrialIntermediateValue(trialId: number, step: number, value: number): void {
    this.#core.setTrialIntermediateValue(trialId, step, value);
  }
  /** Sets one user attribute of a trial. */
  setTrialUserAttr(trialId: number, key: string, value: JsonValue): void {
    this.#core.setTrialUserAttr(trialId, key, value);
  }
  /** Sets one system attribute of a trial. */
  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    this.#core.setTrialSystemAttr(trialId, key, value);
  }
  /** One trial; throws if it does not exist. */
  getTrial(trialId: number): FrozenTrial {
    return this.#core.getTrial(trialId);
  }
  /** The trials of a study in number order, optionally only those in `states`. */
  getAllTrials(studyId: number, states?: readonly TrialState[]): readonly FrozenTrial[] {
    return this.#core.getAllTrials(studyId, states);
  }
}
