import type { RouterOutputs } from "~/lib/trpc.tsx";

export type Dashboard = RouterOutputs["token"]["dashboard"];
export type ProfileView = Dashboard["profiles"][number];
export type TokenView = ProfileView["tokens"][number];
export type RunView = ProfileView["history"][number];
