import { THEME_SCRIPT } from "~/lib/theme.ts";

/**
 * The theme, set before the first paint (see THEME_SCRIPT): a constant of ours, no input. It
 * carries the page's nonce, without which the Content-Security-Policy would not let it run.
 */
export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}
