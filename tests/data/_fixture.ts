/**
 * Paths and loaders for the committed ReDSM5-format fixture (60 posts, written once by
 * `writeSyntheticCorpus({ nPosts: 60, seed: 42 })`, i.e. `deno task synth
 * data.synthetic.n_posts=60` with the default seed).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { parseRedsm5, type Redsm5Corpus } from "../../lib/data/mod.ts";

/** Folder of the committed fixture. */
export const FIXTURE_DIR: string = fileURLToPath(
  new URL("../testdata/redsm5_fixture/", import.meta.url),
);
/** The fixture's posts CSV path. */
export const FIXTURE_POSTS: string = `${FIXTURE_DIR}redsm5_posts.csv`;
/** The fixture's annotations CSV path. */
export const FIXTURE_ANNOTATIONS: string = `${FIXTURE_DIR}redsm5_annotations.csv`;
/** The fixture's criteria JSON path. */
export const FIXTURE_CRITERIA: string = `${FIXTURE_DIR}dsm5_criteria.json`;

/** The fixture's two CSV texts. */
export function fixtureTexts(): { posts: string; annotations: string } {
  return {
    posts: Deno.readTextFileSync(FIXTURE_POSTS),
    annotations: Deno.readTextFileSync(FIXTURE_ANNOTATIONS),
  };
}

/** The fixture parsed with the loaders. */
export function fixtureCorpus(): Redsm5Corpus {
  const { posts, annotations } = fixtureTexts();
  return parseRedsm5(posts, annotations, {
    postsFile: "redsm5_posts.csv",
    annotationsFile: "redsm5_annotations.csv",
  });
}
