import { THEME_SCRIPT } from "~/lib/theme.ts";

/** The theme, set before the first paint (see THEME_SCRIPT): a constant of ours, no input. */
export function ThemeScript() {
  return <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}
