/**
 * Room `tracking` (see shared/DESIGN.md §2).
 *
 * @module
 */
export {};
