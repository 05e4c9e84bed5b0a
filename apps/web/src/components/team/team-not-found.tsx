import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "../ui/button.tsx";
import { EmptyState } from "../ui/states.tsx";

export function TeamNotFound() {
  return (
    <EmptyState
      icon={<SearchX />}
      title="Team not found"
      action={
        <Button asChild variant="secondary">
          <Link href="/">Go to your teams</Link>
        </Button>
      }
    >
      This team does not exist, or you are not a member of it. Ask one of its admins for an
      invitation link.
    </EmptyState>
  );
}
