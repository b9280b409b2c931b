/**
 * Creating and loading studies: `createStudy` (Optuna's `create_study`, with `loadIfExists`)
 * and `loadStudy`.
 *
 * @module
 */
import { HpoError } from "./errors.ts";
import { InMemoryStorage } from "./in_memory_storage.ts";
import type { StudyStorage } from "./storage.ts";
import { Study, type StudyOptions } from "./study.ts";
import type { StudyDirection } from "./types.ts";

/** Options of {@link createStudy}. */
export interface CreateStudyOptions extends StudyOptions {
  /** Default `"minimize"`. When loading, must match the stored study if given. */
  readonly direction?: StudyDirection;
  /** Where trials are recorded (default: a new `InMemoryStorage`). */
  readonly storage?: StudyStorage;
  /**
   * Unique name within the storage (default: the first free `study-<n>`). Hyperband assigns
   * brackets from it, so name studies whose pruning must be reproducible.
   */
  readonly studyName?: string;
  /** Resume the study if one with that name exists instead of failing. Default `false`. */
  readonly loadIfExists?: boolean;
}

/** Options of {@link loadStudy}. */
export interface LoadStudyOptions extends StudyOptions {
  /** The name of the stored study. */
  readonly studyName: string;
  /** The storage holding it. */
  readonly storage: StudyStorage;
}

function freshStudyName(storage: StudyStorage): string {
  for (let n = 0;; n++) {
    if (storage.getStudyIdFromName(`study-${n}`) === null) return `study-${n}`;
  }
}

/**
 * Creates a study (or, with `loadIfExists`, resumes the one with that name).
 *
 * @example
 * ```ts
 * import { createStudy } from "./create_study.ts";
 * import { randomSampler } from "./random_sampler.ts";
 * import { equal } from "node:assert/strict";
 * const study = createStudy({ direction: "maximize", sampler: randomSampler({ seed: 3 }) });
 * const trial = study.ask();
 * study.tell(trial, trial.suggestInt("units", 1, 8));
 * equal(study.bestTrial.number, 0);
 * ```
 */
export function createStudy(options: CreateStudyOptions = {}): Study {
  const storage = options.storage ?? new InMemoryStorage();
  const studyName = options.studyName ?? freshStudyName(storage);
  let studyId = storage.getStudyIdFromName(studyName);
  if (studyId !== null && options.loadIfExists !== true) {
    throw new HpoError(
      `Cannot create study "${studyName}": it exists (pass loadIfExists: true to resume it)`,
    );
  }
  if (studyId === null) {
    try {
      studyId = storage.createStudy(studyName, options.direction ?? "minimize");
    } catch (error) {
      // Another process may have created it between our check and our write.
      studyId = options.loadIfExists === true ? storage.getStudyIdFromName(studyName) : null;
      if (studyId === null) throw error;
    }
  }
  const study = new Study(storage, studyId, options);
  if (options.direction !== undefined && options.direction !== study.direction) {
    throw new HpoError(
      `Cannot load study "${studyName}" as ${options.direction}: it is ${study.direction}`,
    );
  }
  return study;
}

/**
 * Opens an existing study of a storage by name.
 *
 * @example
 * ```ts
 * import { createStudy, loadStudy } from "./create_study.ts";
 * import { InMemoryStorage } from "./in_memory_storage.ts";
 * import { equal } from "node:assert/strict";
 * const storage = new InMemoryStorage();
 * createStudy({ storage, studyName: "s" });
 * equal(loadStudy({ storage, studyName: "s" }).studyName, "s");
 * ```
 */
export function loadStudy(options: LoadStudyOptions): Study {
  const studyId = options.storage.getStudyIdFromName(options.studyName);
  if (studyId === null) {
    throw new HpoError(`Cannot load study "${options.studyName}": no such study in the storage`);
  }
  return new Study(options.storage, studyId, options);
}
