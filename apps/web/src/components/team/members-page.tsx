"use client";
import { PageHeader } from "../ui/page-header.tsx";
import { DeleteTeamSection } from "./delete-team-section.tsx";
import { EgressSection } from "./egress-section.tsx";
import { InvitationsSection } from "./invitations-section.tsx";
import { LeaveTeamButton } from "./leave-team-button.tsx";
import { MembersTable } from "./members-table.tsx";
import { RenameTeamSection } from "./rename-team-section.tsx";
import { useTeam } from "./team-context.tsx";

export function MembersPage() {
  const team = useTeam();
  return (
    // One minmax(0, 1fr) column: the tables scroll inside it instead of widening the page.
    <div className="grid grid-cols-1 gap-10">
      <div>
        <PageHeader
          title="Members"
          description={`People in ${team.name} and what their role lets them do.`}
          actions={team.role !== "owner" && <LeaveTeamButton />}
        />
        <MembersTable />
      </div>
      {team.can("team.rename") && <RenameTeamSection />}
      {team.can("invitation.manage") && <InvitationsSection />}
      {team.can("egress.manage") && <EgressSection />}
      {team.can("team.delete") && <DeleteTeamSection />}
    </div>
  );
}
