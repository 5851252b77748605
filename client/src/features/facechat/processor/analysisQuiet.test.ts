import { afterEach, describe, expect, it } from 'vitest';
import { ANALYSIS_QUIET_MS, analysisQuiet, endAnalysisQuiet, quietAnalysis } from './analysisQuiet';

describe('analysis quiet while a call is set up', () => {
  afterEach(endAnalysisQuiet);

  it('pauses analysis for the window, then lets it run', () => {
    expect(analysisQuiet(1000)).toBe(false);
    quietAnalysis(ANALYSIS_QUIET_MS, 1000);
    expect(analysisQuiet(1001)).toBe(true);
    expect(analysisQuiet(1000 + ANALYSIS_QUIET_MS - 1)).toBe(true);
    expect(analysisQuiet(1000 + ANALYSIS_QUIET_MS)).toBe(false);
  });

  it('ends early once the first remote frame is shown', () => {
    quietAnalysis(1500, 0);
    endAnalysisQuiet();
    expect(analysisQuiet(1)).toBe(false);
  });

  it('never shortens a window already running', () => {
    quietAnalysis(1500, 0);
    quietAnalysis(100, 200);
    expect(analysisQuiet(1000)).toBe(true);
  });
});
