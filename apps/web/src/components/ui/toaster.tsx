"use client";
import { Toaster as Sonner } from "sonner";

export function Toaster() {
  return <Sonner theme="system" richColors closeButton position="bottom-right" />;
}
