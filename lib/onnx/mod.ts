/**
 * Room `onnx` (see shared/DESIGN.md §2).
 *
 * @module
 */
export {};
