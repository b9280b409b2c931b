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
  type LocatedSpan,
  locateSentence,
  segmentText,
  type SentenceSpan,
  splitSentences,
  type TextSpan,
} from "./sentences.ts";
export {
  formatRepairSummary,
  REDSM5_REPAIR_KINDS,
  type Redsm5Repair,
  type Redsm5RepairKind,
  type Redsm5RepairSummary,
} from "./_redsm5_repairs.ts";
export {
  parseRedsm5,
  type ParseRedsm5Options,
  readRedsm5,
  type ReadRedsm5Options,
  REDSM5_ANNOTATION_COLUMNS,
  REDSM5_POST_COLUMNS,
  type Redsm5Annotation,
  type Redsm5Corpus,
  type Redsm5Post,
} from "./redsm5.ts";
export {
  formatSplitsJson,
  makeSplits,
  type MakeSplitsOptions,
  type PostSplits,
  SPLIT_NAMES,
  type SplitRatios,
  type SplitsMetadata,
  validateSplitRatios,
  type ValidateSplitRatiosOptions,
} from "./splits.ts";
export { loadSplits, type LoadSplitsOptions, parseSplits } from "./load_splits.ts";
export {
  buildGroundTruth,
  type BuildGroundTruthOptions,
  CRITERIA_GROUNDTRUTH_COLUMNS,
  type CriteriaGroundTruthRow,
  EVIDENCE_GROUNDTRUTH_COLUMNS,
  type EvidenceGroundTruthRow,
  formatCriteriaGroundTruthCsv,
  formatEvidenceGroundTruthCsv,
  type GroundTruth,
  parseCriteriaGroundTruthCsv,
  parseEvidenceGroundTruthCsv,
} from "./groundtruth.ts";
export {
  buildCriteriaPairs,
  type BuildCriteriaPairsOptions,
  buildEvidenceSentences,
  type BuildEvidenceSentencesOptions,
  type CriteriaPairItem,
  type CriteriaPairsMode,
  type EvidenceSentenceItem,
  type TaskPost,
  type TextPairInput,
} from "./task_datasets.ts";
export {
  GROUNDTRUTH_FILES,
  type GroundTruthFiles,
  makeGroundTruth,
  type MakeGroundTruthOptions,
  type MakeGroundTruthResult,
  readGroundTruthFiles,
} from "./make_groundtruth.ts";
export { type DataConfig, dataConfigFromConfig } from "./data_config.ts";
// The config types `dataConfigFromConfig` takes, so this module documents on its own.
export type { ConfigNode, ConfigTree } from "../config/mod.ts";
export {
  generateSyntheticCorpus,
  type SyntheticCorpus,
  type SyntheticCorpusOptions,
  type SyntheticCorpusStats,
  writeSyntheticCorpus,
  type WriteSyntheticCorpusOptions,
} from "./synthetic_corpus.ts";
export {
  createTokenizer,
  type EncodedInput,
  loadTokenizer,
  type LoadTokenizerOptions,
  type SpecialTokenIds,
  type TextDecodeOptions,
  type TextEncodeOptions,
  type TextTokenizer,
  type TokenizerFamily,
  type TruncationStrategy,
} from "./tokenizer.ts";
export {
  type BatchLabels,
  type BatchPlanOptions,
  collateBatch,
  type CollateOptions,
  type DatasetTextItem,
  encodeDataset,
  type EncodeDatasetOptions,
  type EncodedDataset,
  type EncodedItem,
  type EncodedLabel,
  epochBatches,
  type EpochBatchesOptions,
  planBatches,
  type TokenBatch,
} from "./batching.ts";
export {
  type AddedTokenJson,
  buildWordPieceTokenizer,
  type TemplatePieceJson,
  type WordPieceBuilderOptions,
  type WordPieceSpecialTokens,
  type WordPieceTokenizerConfigJson,
  type WordPieceTokenizerFiles,
  type WordPieceTokenizerJson,
  writeWordPieceTokenizer,
} from "./wordpiece_builder.ts";
