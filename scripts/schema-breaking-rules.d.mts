export interface ClassifiedChange {
  type: string;
  description: string;
  /** Refused changes only: why the policy refuses it. */
  why?: string;
}

export function contractCoordinates(sources: string[]): Set<string>;
export function classifyBreakingChanges(
  oldSdl: string,
  newSdl: string,
  contract?: Set<string>,
): { allowed: ClassifiedChange[]; refused: ClassifiedChange[] };
