import { redirect } from "next/navigation";

type Props = { params: Promise<{ teamId: string; appId: string }> };

/** Authorization profiles are what people come to an app for. */
export default async function AppPage({ params }: Props) {
  const { teamId, appId } = await params;
  redirect(`/t/${teamId}/apps/${appId}/profiles`);
}
