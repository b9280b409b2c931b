/**
 * Room `pipeline`: the glue the tasks share. For now the quickstart; the trainer, HPO stages and
 * evaluation join it as later issues build them.
 *
 * @module
 */
export {
  type QuickstartEvent,
  type QuickstartOptions,
  type QuickstartSummary,
  runQuickstart,
} from "./quickstart.ts";
export { checkRuntime, type RuntimeNotice } from "./runtime_check.ts";
