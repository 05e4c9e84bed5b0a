import "server-only";
import { apiCallRouter } from "./routers/api-call.ts";
import { apiKeyRouter } from "./routers/api-key.ts";
import { appsRouter } from "./routers/app.ts";
import { auditRouter } from "./routers/audit.ts";
import { credentialRouter } from "./routers/credential.ts";
import { healthRouter } from "./routers/health.ts";
import { healthCheckRouter } from "./routers/health-check.ts";
import { invitationRouter } from "./routers/invitation.ts";
import { meRouter } from "./routers/me.ts";
import { memberRouter } from "./routers/member.ts";
import { notificationRouter } from "./routers/notification.ts";
import { profileRouter } from "./routers/profile.ts";
import { teamRouter } from "./routers/team.ts";
import { testRunRouter } from "./routers/test-run.ts";
import { tokenRouter } from "./routers/token.ts";
import { createRouter } from "./trpc.ts";

export const appRouter = createRouter({
  health: healthRouter,
  me: meRouter,
  team: teamRouter,
  member: memberRouter,
  invitation: invitationRouter,
  app: appsRouter,
  profile: profileRouter,
  credential: credentialRouter,
  testRun: testRunRouter,
  token: tokenRouter,
  healthCheck: healthCheckRouter,
  apiCall: apiCallRouter,
  apiKey: apiKeyRouter,
  notification: notificationRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
