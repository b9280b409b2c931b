/**
 * Room `data` (see shared/DESIGN.md §2): ReDSM5 loaders and repairs, the DSM-5 criteria,
 * the synthetic ReDSM5-shaped corpus, ground truth, leak-free splits and task datasets.
 *
 * @module
 */
export { DataError, type DataErrorLocation } from "./errors.ts";
export {
  type CsvRecord,
  type CsvTable,
  formatCsv,
  readCsvTable,
  type ReadCsvTableOptions,
} from "./csv.ts";
export {
  criterionIdForSymptom,
  criterionIdsForPolicy,
  DSM5_SYMPTOMS,
  isSpecialCasePolicy,
  REDSM5_SYMPTOMS,
  type Redsm5Symptom,
  SPECIAL_CASE_CRITERION_ID,
  SPECIAL_CASE_CRITERION_TEXT,
  type SpecialCasePolicy,
} from "./symptoms.ts";
export {
  criteriaForPolicy,
  type Dsm5Criteria,
  type Dsm5Criterion,
  parseDsm5Criteria,
  readDsm5Criteria,
  shippedDsm5Criteria,
} from "./dsm5_criteria.ts";
export {
  type CriteriaPairItem,
  type EvidenceSentenceItem,
  type TextPairInput,
} from "./task_datasets.ts";
