export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_STORAGE_KEY = "authdeck-theme";
export const THEME_EVENT = "authdeck-theme";

export const isTheme = (value: unknown): value is Theme =>
  typeof value === "string" && (THEMES as readonly string[]).includes(value);

/**
 * Runs inline in <head>, before the first paint, so a dark page never flashes light: it puts
 * `dark` on <html> from the stored choice or, for "system", the system setting, and follows
 * the system (and other tabs' choices) while the page is open. `window.__applyTheme` lets the switch re-run it.
 */
export const THEME_SCRIPT = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)};var m=matchMedia("(prefers-color-scheme: dark)");var a=function(){var t=localStorage.getItem(k);var d=t==="dark"||(t!=="light"&&m.matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light";};a();m.addEventListener("change",a);addEventListener("storage",a);window.__applyTheme=a;}catch(e){}})();`;
