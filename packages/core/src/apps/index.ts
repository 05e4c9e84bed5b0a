export { createApp } from "./create-app.ts";
export { deleteApp } from "./delete-app.ts";
export { findTeamApp } from "./find-app.ts";
export { getApp } from "./get-app.ts";
export { listApps } from "./list-apps.ts";
export { renameApp } from "./rename-app.ts";
