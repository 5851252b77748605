import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where screenshots go, only when EVIDENCE_DIR is set (CI runs leave no files). */
export async function evidence(page: Page, name: string): Promise<void> {
  const dir = process.env.EVIDENCE_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/**
 * How far the page is wider than the window (0 = no sideways scroll), with the elements that stick out
 * on the right, so that a failure says what to fix.
 */
export function horizontalOverflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits: string[] = [];
    // Inside a sideways scroller (or a clipping box) an element sticking out does not widen the page.
    const clipped = (element: HTMLElement) => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const box = element.getBoundingClientRect();
      if (box.width && box.right > width + 1 && culprits.length < 5 && !clipped(element)) {
        const testid = element.getAttribute('data-testid');
        culprits.push(
          `${element.tagName.toLowerCase()}${testid ? `[${testid}]` : ''}.${String(element.className).slice(0, 80)} → ${Math.round(box.right)}`,
        );
      }
    }
    return { excess: document.documentElement.scrollWidth - width, culprits };
  });
}

/** The boxes of the items of a list, for "one line, big enough" checks. */
export function boxes(
  page: Page,
  selector: string,
): Promise<{ top: number; bottom: number; left: number; right: number; height: number; text: string }[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return {
        top: box.top,
        bottom: box.bottom,
        left: box.left,
        right: box.right,
        height: box.height,
        text: element.textContent?.trim() ?? '',
      };
    }),
  );
}

/** Waits for the page's data: no request in flight for a moment (WebSockets aside). */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(200);
}
