/**
 * Leave-one-person-out evaluation of classifyEmotion with the per-person neutral
 * baseline (emotion/baseline.ts), for `npm run eval:emotion`.
 *
 * People: FACES_DIR/SOURCES.md says "woman A" is every vggemo_* photo and
 * exprapi_happy, "man N" every cv701_* photo; every other photo is taken as its own
 * person (the honest assumption: it gives them no baseline from anyone else).
 *
 * A person's baseline comes only from their own neutral photo(s), never from the
 * photo being scored (a neutral photo is scored with the baseline of the person's
 * other neutral photos, or none). People without a neutral photo get no baseline.
 *
 * LOPO: for each person, the constants (baseline strength, neutral level) are
 * chosen by accuracy on everyone else (core-5 photos), then that person's photos
 * are scored with them. Ties go to the app's defaults, then to the smaller value.
 */
import { EMOTIONS, NEUTRAL_LEVEL, classifyEmotion } from '../../client/src/features/facechat/emotion/classify';
import { applyBaseline, meanBaseline, type Blendshapes } from '../../client/src/features/facechat/emotion/baseline';

export interface ScoredPhoto {
  label: string;
  file: string;
  blendshapes: Blendshapes | null;
}

export interface Constants {
  strength: number;
  neutralLevel: number;
}

export const APP_CONSTANTS: Constants = { strength: 1, neutralLevel: NEUTRAL_LEVEL };
const STRENGTHS = [0, 0.25, 0.5, 0.75, 1];
const NEUTRAL_LEVELS = [0.1, 0.15, 0.2, 0.25, 0.3];
const CORE = new Set<string>(EMOTIONS);

/** Who is in the photo (see the top). */
export function personOf(file: string): string {
  const name = file.split('/').pop()!;
  if (name.startsWith('vggemo_') || name === 'exprapi_happy.jpg') return 'woman A';
  if (name.startsWith('cv701_')) return 'man N';
  return name;
}

/** The blendshapes of the person's neutral photos other than this one. */
function restingFrames(photo: ScoredPhoto, all: readonly ScoredPhoto[]): Blendshapes[] {
  const person = personOf(photo.file);
  return all
    .filter((other) => other.label === 'neutral' && other.file !== photo.file && personOf(other.file) === person && other.blendshapes)
    .map((other) => other.blendshapes!);
}

export const hasBaseline = (photo: ScoredPhoto, all: readonly ScoredPhoto[]) => restingFrames(photo, all).length > 0;

/** The photo's emotion with its person's baseline (their other neutral photos) and the given constants. */
export function predict(photo: ScoredPhoto, all: readonly ScoredPhoto[], constants: Constants): string | null {
  if (!photo.blendshapes) return null;
  const relative = applyBaseline(photo.blendshapes, meanBaseline(restingFrames(photo, all)), constants.strength);
  return classifyEmotion(relative, { neutralLevel: constants.neutralLevel }).emotion;
}

function hits(photos: readonly ScoredPhoto[], all: readonly ScoredPhoto[], constants: Constants): number {
  return photos.filter((photo) => predict(photo, all, constants) === photo.label).length;
}

/** The constants with the most core-5 hits on `photos` (ties: the app's, then smaller values). */
export function fitConstants(photos: readonly ScoredPhoto[], all: readonly ScoredPhoto[], strengths = STRENGTHS): Constants {
  let best = APP_CONSTANTS;
  let bestHits = hits(photos, all, APP_CONSTANTS);
  for (const strength of strengths) {
    for (const neutralLevel of NEUTRAL_LEVELS) {
      const score = hits(photos, all, { strength, neutralLevel });
      if (score > bestHits) [best, bestHits] = [{ strength, neutralLevel }, score];
    }
  }
  return best;
}

export interface LopoResult {
  hits: number;
  total: number;
  /** Constants fitted per held-out person. */
  fitted: Record<string, Constants>;
}

/** Leave-one-person-out core-5 accuracy; `strengths` [0] gives the same protocol without a baseline. */
export function leaveOnePersonOut(all: readonly ScoredPhoto[], strengths = STRENGTHS): LopoResult {
  const core = all.filter((photo) => CORE.has(photo.label) && photo.blendshapes);
  const people = [...new Set(core.map((photo) => personOf(photo.file)))];
  const result: LopoResult = { hits: 0, total: 0, fitted: {} };
  for (const person of people) {
    const held = core.filter((photo) => personOf(photo.file) === person);
    const others = core.filter((photo) => personOf(photo.file) !== person);
    const constants = fitConstants(others, all, strengths);
    result.fitted[person] = constants;
    result.hits += hits(held, all, constants);
    result.total += held.length;
  }
  return result;
}

/** Core-5 hits with fixed constants (in-sample: nothing is fitted). */
export function coreHits(all: readonly ScoredPhoto[], constants: Constants): { hits: number; total: number } {
  const core = all.filter((photo) => CORE.has(photo.label) && photo.blendshapes);
  return { hits: hits(core, all, constants), total: core.length };
}
