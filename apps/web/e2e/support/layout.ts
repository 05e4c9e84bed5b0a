import { expect, type Page } from "@playwright/test";

type Box = { what: string; left: number; right: number; top: number; bottom: number };

/**
 * Nothing sticks out of the viewport sideways: the page does not scroll horizontally and no
 * element's box passes its left or right edge, except inside a container that clips or
 * scrolls on purpose (a wide table, a code block).
 */
export async function expectNoHorizontalOverflow(page: Page, what: string) {
  await expectFits(page, what);
  // Chromium lays a page out differently once it no longer scrolls vertically (a grid column
  // that held back at the first height widened at the second): check the page's full height too.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (!viewport || height <= viewport.height) return;
  await page.setViewportSize({ width: viewport.width, height });
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  await expectFits(page, `${what}, whole page tall`);
  await page.setViewportSize(viewport);
}

async function expectFits(page: Page, what: string) {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    const scroller = document.scrollingElement ?? document.documentElement;
    // Whether a box that clips or scrolls holds `element`: its ancestors, skipping those an
    // absolutely positioned box escapes (only its containing block and above clip it).
    const insideClip = (element: Element) => {
      let node: Element | null = element;
      while (node && node !== document.body) {
        const position: string = getComputedStyle(node).position;
        if (position === "fixed") return false;
        node = position === "absolute" ? (node as HTMLElement).offsetParent : node.parentElement;
        if (!node || node === document.body) return false;
        const overflow = getComputedStyle(node).overflowX;
        if (["auto", "scroll", "hidden", "clip"].includes(overflow)) return true;
      }
      return false;
    };
    const out: string[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left >= -0.5 && box.right <= width + 0.5) continue;
      if (insideClip(element)) continue;
      const label = `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)}`;
      out.push(`${label} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
    return { scrollWidth: scroller.scrollWidth, width, out: out.slice(0, 10) };
  });
  expect.soft(found.out, `elements past the viewport's edge on ${what}`).toEqual([]);
  expect.soft(found.scrollWidth, `page width on ${what}`).toBeLessThanOrEqual(found.width);
}

/** No two of the header's controls, nor two buttons of the page, cover each other. */
export async function expectNoOverlap(page: Page, what: string) {
  const boxes: Box[] = await page.evaluate(() => {
    const controls = document.querySelectorAll("header a, header button, main button, main a");
    return [...controls]
      .filter((element) => !element.closest("[data-sonner-toaster]"))
      .map((element) => {
        const box = element.getBoundingClientRect();
        const name = element.getAttribute("aria-label") ?? element.textContent?.trim() ?? "";
        return {
          what: `${element.tagName.toLowerCase()} "${name.slice(0, 30)}"`,
          left: box.left,
          right: box.right,
          top: box.top,
          bottom: box.bottom,
          visible: box.width > 0 && box.height > 0,
        };
      })
      .filter((box) => box.visible);
  });
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (width > 1 && height > 1) overlaps.push(`${a.what} and ${b.what}`);
    }
  }
  expect(boxes.length, `controls found on ${what}`).toBeGreaterThan(3);
  expect.soft(overlaps, `overlapping controls on ${what}`).toEqual([]);
}

/**
 * The page's cumulative layout shift so far (Chromium's layout-shift entries, those not caused
 * by input): how much content jumped while skeletons gave way to data.
 */
export async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<
            PerformanceEntry & { value: number; hadRecentInput: boolean }
          >) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        // Buffered entries arrive in the first callback, queued as a task.
        setTimeout(() => resolve(total), 100);
      }),
  );
}
