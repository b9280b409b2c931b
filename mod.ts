/**
 * psy-agents — training infrastructure for DSM-5 depression criteria and evidence classifiers,
 * written in TypeScript for Deno: composable configs, ReDSM5 data, ONNX Runtime training graphs,
 * MLflow tracking and a TPE hyper-parameter search.
 *
 * This module only re-exports the public surface of each room under `lib/`.
 *
 * @module
 */
export * from "./lib/random/mod.ts";
export * from "./lib/config/mod.ts";
export * from "./lib/tracking/mod.ts";
export * from "./lib/graph/mod.ts";
export * from "./lib/autodiff/mod.ts";
export * from "./lib/onnx/mod.ts";
export * from "./lib/data/mod.ts";
export * from "./lib/hpo/mod.ts";
export * from "./lib/train/mod.ts";
