/** Each recorded action as the verb of a sentence: "Dana tested Orders API". */
const VERBS: Record<string, string> = {
  "team.create": "created the team",
  "team.rename": "renamed the team",
  "team.transfer": "handed the team over to",
  "team.egressAllowlist": "changed the egress allowlist",
  "member.changeRole": "changed the role of",
  "member.remove": "removed",
  "member.leave": "left the team",
  "invitation.create": "created an invite link",
  "invitation.revoke": "revoked an invite link",
  "invitation.accept": "joined with an invite link",
  "invitation.refuse": "declined an invite link",
  "app.create": "created the app",
  "app.rename": "renamed the app",
  "app.delete": "deleted an app",
  "profile.create": "created",
  "profile.update": "edited",
  "profile.delete": "deleted a profile",
  "profile.duplicate": "duplicated",
  "profile.import": "imported",
  "profile.test": "tested",
  "profile.key.add": "added a next signing key to",
  "profile.key.switch": "switched to the next signing key of",
  "profile.key.retire": "retired the previous signing key of",
  "profile.autoRefresh": "changed auto-refresh of",
  "profile.healthCheck": "changed the health check of",
  "profile.checkHealthNow": "checked the health of",
  "profile.apiCall": "sent a request with",
  "token.refreshNow": "refreshed the token of",
  "token.reveal": "copied the access token of",
  "token.revoke": "revoked at the provider the token of",
  "token.inspect": "asked the provider about the token of",
  "apiKey.create": "created the API key",
  "apiKey.revoke": "revoked the API key",
  "notification.create": "added the notification channel",
  "notification.delete": "deleted a notification channel",
  "notification.pause": "paused the notification channel",
  "notification.resume": "resumed the notification channel",
  "notification.test": "sent a test event to the notification channel",
};

// Events whose target is the actor, the team itself or gone by design: the verb says it all.
const NO_TARGET = new Set([
  "member.leave",
  "invitation.create",
  "invitation.revoke",
  "invitation.accept",
  "invitation.refuse",
  "team.create",
  "team.rename",
  "team.egressAllowlist",
  "app.delete",
  "profile.delete",
  "notification.delete",
]);

const OUTCOMES: Record<string, string> = {
  succeeded: "passed",
  failed: "failed",
  queued: "queued",
  running: "running",
};

/** The verb for an action, or the raw name for one this page does not know yet. */
export const actionVerb = (action: string) => VERBS[action] ?? action;

export const showsTarget = (action: string) => !NO_TARGET.has(action);

export const outcomeWord = (outcome: string | null) =>
  outcome === null ? null : (OUTCOMES[outcome] ?? outcome);
