import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ThemeScript } from "~/components/theme/theme-script.tsx";
import { Toaster } from "~/components/ui/toaster.tsx";
import { TrpcReactProvider } from "~/lib/trpc.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Authdeck", template: "%s · Authdeck" },
  description: "OAuth 2.0 client credentials profiles: define, test, keep fresh, serve.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets a class on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="min-h-screen font-sans">
        <TrpcReactProvider>{children}</TrpcReactProvider>
        <Toaster />
      </body>
    </html>
  );
}
