/**
 * Room `autodiff` (see shared/DESIGN.md §2).
 *
 * @module
 */
export {};
