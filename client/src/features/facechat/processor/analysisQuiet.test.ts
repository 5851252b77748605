import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANALYSIS_QUIET_MS, afterCallSetUp, analysisQuiet, endAnalysisQuiet, quietAnalysis } from './analysisQuiet';

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
    const setUp = afterCallSetUp();
    expect(setUp.value).toBe(false);
    endAnalysisQuiet();
    expect(analysisQuiet(1)).toBe(false);
    expect(setUp.value).toBe(true);
  });

  it('tells the page when the window is over', async () => {
    vi.useFakeTimers();
    try {
      quietAnalysis(100, 0);
      const setUp = afterCallSetUp();
      expect(setUp.value).toBe(false);
      await vi.advanceTimersByTimeAsync(99);
      expect(setUp.value).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(setUp.value).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets what waited for the setup stay once it is over, through a later setup', () => {
    quietAnalysis(1500, 0);
    const shown = afterCallSetUp();
    expect(shown.value).toBe(false);
    endAnalysisQuiet();
    expect(shown.value).toBe(true);
    quietAnalysis(1500, 0);
    expect(shown.value).toBe(true);
    expect(afterCallSetUp().value).toBe(false);
  });

  it('never shortens a window already running', () => {
    quietAnalysis(1500, 0);
    quietAnalysis(100, 200);
    expect(analysisQuiet(1000)).toBe(true);
  });
});
