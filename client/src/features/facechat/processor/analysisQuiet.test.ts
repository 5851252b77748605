import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANALYSIS_QUIET_MS, analysisQuiet, callSettingUp, endAnalysisQuiet, quietAnalysis } from './analysisQuiet';

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
    expect(callSettingUp.value).toBe(true);
    endAnalysisQuiet();
    expect(analysisQuiet(1)).toBe(false);
    expect(callSettingUp.value).toBe(false);
  });

  it('tells the page when the window is over', async () => {
    vi.useFakeTimers();
    try {
      quietAnalysis(100, 0);
      expect(callSettingUp.value).toBe(true);
      await vi.advanceTimersByTimeAsync(99);
      expect(callSettingUp.value).toBe(true);
      await vi.advanceTimersByTimeAsync(1);
      expect(callSettingUp.value).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never shortens a window already running', () => {
    quietAnalysis(1500, 0);
    quietAnalysis(100, 200);
    expect(analysisQuiet(1000)).toBe(true);
  });
});
