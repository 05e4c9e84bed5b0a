import type { Metadata } from "next";
import { TokensPanel } from "~/components/tokens/tokens-panel.tsx";

export const metadata: Metadata = { title: "Tokens" };

export default function TokensPage() {
  return <TokensPanel />;
}
