import { listMyTeams } from "@authdeck/core/teams";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { CreateFirstTeam } from "~/components/team/create-first-team.tsx";
import { sessionUser } from "~/server/auth.ts";
import { serverDeps } from "~/server/deps.ts";

export default async function HomePage() {
  const user = await sessionUser(await headers());
  if (!user) redirect("/sign-in");
  const [first] = await listMyTeams(serverDeps(), user.id);
  if (first) redirect(`/t/${first.id}`);
  return <CreateFirstTeam />;
}
