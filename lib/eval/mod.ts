/**
 * Room `eval` (see shared/DESIGN.md §2).
 *
 * @module
 */
export {};
