import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ThemeScript } from "~/components/theme/theme-script.tsx";
import { Toaster } from "~/components/ui/toaster.tsx";
import { TrpcReactProvider } from "~/lib/trpc.tsx";
import { NONCE_HEADER } from "~/server/security-headers.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Authdeck", template: "%s · Authdeck" },
  description: "OAuth 2.0 client credentials profiles: define, test, keep fresh, serve.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The nonce of this response's Content-Security-Policy (src/proxy.ts).
  const nonce = (await headers()).get(NONCE_HEADER) ?? undefined;
  return (
    // The theme script sets a class on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen font-sans">
        <TrpcReactProvider>{children}</TrpcReactProvider>
        <Toaster />
      </body>
    </html>
  );
}
